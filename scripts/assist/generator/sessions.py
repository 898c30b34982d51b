"""Sessions: who visits the app or the web shop, when, and from where.

Organic sessions follow each persona's rates; landing sessions follow a
message click (an app push open, a tagged or bare web visit, a deep link);
users of a shared device each sign in on it. Each session has a platform,
a device or cookie, a start, a kind and its traffic (and paid campaign).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from assist.generator.contract import APP_PUSH, CHANNELS
from assist.generator.frames import APP, WEB, Context, Frame, choice, pick_within
from assist.generator.people import APP_SESSIONS_30D, WEB_SESSIONS_30D, People
from assist.generator.traffic import (
    APP_MESSAGE_TRAFFIC,
    APP_TRAFFIC,
    BARE_SHARE,
    MESSAGE_WEB_TRAFFIC,
    WEB_TRAFFIC,
    TrafficBook,
    paid_campaign,
)

if TYPE_CHECKING:
    from assist.generator.campaigns import Campaign
    from assist.generator.messages import MessageFunnel, Sends

# Kinds of session: organic, after a message click, caused by a holdout
# campaign (extra purchases of treatment users), on a shared device.
ORGANIC, LANDING, HOLDOUT_EXTRA, SHARED = range(4)


def sessions_frame(
    person: np.ndarray,
    platform: int,
    device: np.ndarray | None,
    anon: np.ndarray | None,
    start: np.ndarray,
    kind: int,
    traffic: np.ndarray | None = None,
    campaign: np.ndarray | None = None,
    push_message: np.ndarray | None = None,
    forced_user: bool = False,
    forced_purchase: bool = False,
) -> Frame:
    """A frame of sessions (-1: no device, cookie, campaign or message)."""
    n = len(person)

    def filled(values: np.ndarray | None, default: int = -1) -> np.ndarray:
        return np.full(n, default, dtype=np.int64) if values is None else values

    return {
        "person": person.astype(np.int64),
        "platform": np.full(n, platform, dtype=np.int8),
        "device": filled(device),
        "anon": filled(anon),
        "start": start.astype(np.int64),
        "kind": np.full(n, kind, dtype=np.int8),
        "push_message": filled(push_message),
        "traffic": filled(traffic, 0),
        "campaign": filled(campaign),
        "forced_user": np.full(n, forced_user, dtype=bool),
        "forced_purchase": np.full(n, forced_purchase, dtype=bool),
    }


def organic_sessions(
    ctx: Context,
    people: People,
    campaigns: list[Campaign],
    web_book: TrafficBook,
    app_book: TrafficBook,
) -> list[Frame]:
    """Sessions not started by a message: app and web visits, and the
    sign-ins of each user of a shared device."""
    rng = ctx.rng
    frames = [
        _organic(ctx, people, campaigns, app_book, APP),
        _organic(ctx, people, campaigns, web_book, WEB),
    ]
    # Shared devices: each user signs in on the family tablet / store kiosk.
    for device, users in zip(people.shared_devices, people.shared_users, strict=True):
        count = 1 + rng.poisson(1.5 * ctx.scale, len(users))
        person = np.repeat(users, count)
        frames.append(
            sessions_frame(
                person,
                APP,
                np.full(len(person), device),
                None,
                ctx.times(len(person)),
                SHARED,
                forced_user=True,
            )
        )
    return frames


def _organic(
    ctx: Context,
    people: People,
    campaigns: list[Campaign],
    book: TrafficBook,
    platform: int,
) -> Frame:
    """Organic sessions of one platform: a Poisson count per person by
    persona, on one of the person's devices (app) or cookies (web), with a
    traffic profile drawn by weight."""
    rng = ctx.rng
    if platform == APP:
        rate, first, owned, traffics = (
            APP_SESSIONS_30D,
            people.dev_first,
            people.dev_count,
            APP_TRAFFIC,
        )
    else:
        rate, first, owned, traffics = (
            WEB_SESSIONS_30D,
            people.anon_first,
            people.anon_count,
            WEB_TRAFFIC,
        )
    count = rng.poisson(rate[people.persona] * ctx.scale * (owned > 0))
    person = np.repeat(np.arange(people.n), count)
    identifier = pick_within(rng, first[person], owned[person])
    codes = book.add(traffics)[choice(rng, len(person), [t.weight for t in traffics])]
    return sessions_frame(
        person,
        platform,
        identifier if platform == APP else None,
        None if platform == APP else identifier,
        ctx.times(len(person)),
        ORGANIC,
        traffic=codes,
        campaign=paid_campaign(rng, book, codes, campaigns),
    )


def landing_sessions(
    ctx: Context,
    people: People,
    sends: Sends,
    funnel: MessageFunnel,
    web_book: TrafficBook,
    app_book: TrafficBook,
) -> list[Frame]:
    """Sessions that follow a message click: push opens, landing visits."""
    rng = ctx.rng
    frames = []
    send = funnel.click_send
    at = funnel.click_at
    person = sends.person[send]
    channel = sends.channel[send].astype(np.int64)
    campaign = sends.campaign[send]
    message = sends.message[send]
    draw = rng.random(len(send))
    has_anon = people.anon_count[person] > 0
    has_device = people.dev_count[person] > 0

    def landing(
        mask: np.ndarray,
        platform: int,
        identifier: np.ndarray,
        start: np.ndarray,
        **tags: np.ndarray,
    ) -> Frame:
        """Landing sessions of the clicks in `mask`, on a device (app) or a
        cookie (web) of `identifier`."""
        return sessions_frame(
            person[mask],
            platform,
            identifier[mask] if platform == APP else None,
            None if platform == APP else identifier[mask],
            start,
            LANDING,
            campaign=campaign[mask],
            **tags,
        )

    def after(mask: np.ndarray, low: int, high: int) -> np.ndarray:
        """Session starts `low` to `high` seconds after the clicks in `mask`."""
        return at[mask] + rng.integers(low, high, int(mask.sum()))

    # App push opens: the app opens with push_message_id (55%), or simply
    # starts within 0-30 minutes without it (30%); a few push links open the
    # mobile web instead (5%, when the person has a browser cookie).
    push = channel == APP_PUSH
    with_id = push & (draw < 0.55)
    pushed = sends.device[send]
    start = after(with_id, 1, 6)
    frames.append(landing(with_id, APP, pushed, start, push_message=message[with_id]))
    later = push & (draw >= 0.55) & (draw < 0.85)
    tagged = rng.random(len(send)) < 0.3
    app_codes = app_book.add([APP_MESSAGE_TRAFFIC[APP_PUSH]])
    start = after(later, 0, 1800)
    traffic = np.where(tagged[later], app_codes[0], 0)
    frames.append(landing(later, APP, pushed, start, traffic=traffic))
    to_web = push & (draw >= 0.95) & has_anon
    # Other channels: a web landing visit (tagged or bare) when the person has a
    # browser cookie, else a deep link into the app.
    other = ~push & (draw < 0.85)
    web = to_web | (other & has_anon)
    app = other & ~has_anon & has_device
    web_codes = np.zeros(len(send), dtype=np.int64)
    for ch, traffics in MESSAGE_WEB_TRAFFIC.items():
        rows = np.flatnonzero(web & (channel == ch))
        codes = web_book.add(traffics)[
            choice(rng, len(rows), [t.weight for t in traffics])
        ]
        bare = rng.random(len(rows)) < BARE_SHARE[ch]
        web_codes[rows] = np.where(bare, 0, codes)
    anon = np.where(
        sends.anon[send] >= 0,
        sends.anon[send],
        pick_within(
            rng, people.anon_first[person], np.maximum(people.anon_count[person], 1)
        ),
    )
    start = after(web, 1, 240)
    frames.append(landing(web, WEB, anon, start, traffic=web_codes[web]))
    app_codes_by_channel = np.zeros(len(CHANNELS), dtype=np.int64)
    for ch, traffic in APP_MESSAGE_TRAFFIC.items():
        app_codes_by_channel[ch] = app_book.add([traffic])[0]
    device = pick_within(
        rng, people.dev_first[person], np.maximum(people.dev_count[person], 1)
    )
    start = after(app, 2, 120)
    deep = rng.random(int(app.sum())) < 0.7
    traffic = np.where(deep, app_codes_by_channel[channel[app]], 0)
    frames.append(landing(app, APP, device, start, traffic=traffic))
    return frames
