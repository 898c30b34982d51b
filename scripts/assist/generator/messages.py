"""Messages: campaign sends, their funnels, holdouts and in-app messages.

Blast and triggered campaigns send to opted-in persons (holdout campaigns keep
their control users out); each send runs a funnel by channel (delivery,
bounce, open, click, dismiss, opt-out). Push opens and clicks are the touches
that may start a session. In-app messages are shown in app sessions. The
message_events table is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

import numpy as np

from assist.generator.contract import (
    APP_PUSH,
    BOUNCE,
    CHANNELS,
    CLICK,
    DELIVERY,
    DISMISS,
    EMAIL,
    EVENT_TYPES,
    IMPRESSION,
    IN_APP,
    KAKAO,
    OPEN,
    OPT_OUT,
    PLATFORMS,
    SEND,
    SMS,
    WEB_PLATFORM,
    WEB_PUSH,
    by_code,
)
from assist.generator.defects import inject
from assist.generator.frames import (
    APP,
    Context,
    Frame,
    lookup,
    pick_within,
    sorted_by,
    styles,
    take,
)
from assist.generator.holdouts import Holdout, control_share, is_holdout
from assist.generator.people import People, anon_text, device_text, hash_text, user_text
from assist.generator.render import (
    digit_width,
    enum_text,
    id_text,
    timestamp_text,
    vocab_text,
)

if TYPE_CHECKING:
    from assist.generator.campaigns import Campaign
    from assist.generator.simulation import World

# The funnel of a send, per channel: the probabilities of delivery, open (of a
# delivered message), click (of an opened email or kakao message, else of a
# delivered one), dismiss and opt-out, and the median delay of an open.
FUNNEL = {
    step: by_code(CHANNELS, by_channel)
    for step, by_channel in {
        "delivery": {
            "app_push": 0.92,
            "web_push": 0.90,
            "in_app": 1.0,
            "email": 0.96,
            "sms": 0.97,
            "kakao": 0.95,
        },
        "open": {"app_push": 0.09, "email": 0.24, "kakao": 0.45},
        "open_median_seconds": {
            "app_push": 1200,
            "web_push": 600,
            "in_app": 60,
            "email": 10800,
            "sms": 600,
            "kakao": 3600,
        },
        "click": {"web_push": 0.06, "email": 0.18, "sms": 0.05, "kakao": 0.12},
        "dismiss": {"app_push": 0.18, "web_push": 0.25, "kakao": 0.05},
        "opt_out": {
            "app_push": 0.004,
            "web_push": 0.006,
            "email": 0.003,
            "sms": 0.005,
            "kakao": 0.003,
        },
    }.items()
}


@dataclass
class Sends:
    """One row per message sent to one person (one message_id)."""

    person: np.ndarray
    campaign: np.ndarray
    channel: np.ndarray
    at: np.ndarray
    device: np.ndarray  # device index or -1
    anon: np.ndarray  # anonymous id index or -1
    message: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def take(self, index: np.ndarray) -> Sends:
        """The sends at `index` (without message ids: they are numbered later)."""
        return Sends(*(getattr(self, f.name)[index] for f in fields(self)[:-1]))

    def concat(self, other: Sends) -> Sends:
        return Sends(
            *(
                np.concatenate([getattr(self, f.name), getattr(other, f.name)])
                for f in fields(self)
            )
        )


def make_sends(
    ctx: Context, people: People, campaigns: list[Campaign]
) -> tuple[Sends, list[Holdout]]:
    rng = ctx.rng
    parts: list[tuple[np.ndarray, int, int, np.ndarray]] = []
    holdouts: list[Holdout] = []
    for index, campaign in enumerate(campaigns):
        if campaign.kind not in ("blast", "triggered"):
            continue
        channel = CHANNELS.index(campaign.channel)
        eligible = people.optin[channel]
        if is_holdout(campaign.campaign_id):
            eligible = eligible & people.known
        if campaign.kind == "blast":
            audience = np.flatnonzero(
                eligible & (rng.random(people.n) < campaign.audience)
            )
            at = campaign.send_at + rng.integers(0, 900, len(audience))
            if is_holdout(campaign.campaign_id):
                control = rng.random(len(audience)) < control_share()
                assigned = np.full(
                    len(audience), campaign.send_at - 3600, dtype=np.int64
                )
                holdouts.append(
                    Holdout(index, campaign.campaign_id, audience, control, assigned)
                )
                audience, at = audience[~control], at[~control]
        else:
            counts = rng.poisson(campaign.audience * ctx.scale, people.n) * eligible
            audience = np.repeat(np.arange(people.n), counts)
            at = ctx.times(len(audience))
        parts.append((audience, index, channel, at))
    person = np.concatenate([p[0] for p in parts])
    campaign_index = np.concatenate([np.full(len(p[0]), p[1]) for p in parts])
    channel = np.concatenate([np.full(len(p[0]), p[2], dtype=np.int8) for p in parts])
    at = np.concatenate([p[3] for p in parts])
    device = np.full(len(person), -1, dtype=np.int64)
    is_push = channel == APP_PUSH
    device[is_push] = pick_within(
        rng, people.dev_first[person[is_push]], people.dev_count[person[is_push]]
    )
    anon = np.full(len(person), -1, dtype=np.int64)
    is_web_push = channel == WEB_PUSH
    anon[is_web_push] = pick_within(
        rng,
        people.anon_first[person[is_web_push]],
        people.anon_count[person[is_web_push]],
    )
    return Sends(person, campaign_index, channel, at, device, anon), holdouts


@dataclass
class MessageFunnel:
    """Message events (typed) and the click touches that may start sessions."""

    events: Frame
    click_send: np.ndarray  # send index of each click / open
    click_at: np.ndarray


def _delay(rng: np.random.Generator, n: int, median_seconds: float) -> np.ndarray:
    return np.maximum(1, rng.lognormal(np.log(median_seconds), 1.0, n)).astype(np.int64)


def message_funnel(ctx: Context, sends: Sends) -> MessageFunnel:
    """send -> delivery -> open/click (some) -> dismiss/bounce/opt_out (few)."""
    rng = ctx.rng
    n = len(sends.person)
    channel = sends.channel
    deliver_p = FUNNEL["delivery"][channel]
    delivered = rng.random(n) < deliver_p
    delivered_at = sends.at + rng.integers(1, 90, n)
    rows: list[tuple[np.ndarray, int, np.ndarray]] = [
        (np.arange(n), SEND, sends.at),
        (np.flatnonzero(delivered), DELIVERY, delivered_at[delivered]),
    ]
    bounced = (channel == EMAIL) & ~delivered & (rng.random(n) < 0.8)
    rows.append(
        (
            np.flatnonzero(bounced),
            BOUNCE,
            sends.at[bounced] + rng.integers(5, 600, int(bounced.sum())),
        )
    )

    # Opens: app push (the open is the click touch), email and kakao.
    open_p = FUNNEL["open"][channel]
    opened = delivered & (rng.random(n) < open_p)
    median_open = FUNNEL["open_median_seconds"][channel]
    opened_at = (
        delivered_at + 1 + (rng.lognormal(0.0, 1.0, n) * median_open).astype(np.int64)
    )
    rows.append((np.flatnonzero(opened), OPEN, opened_at[opened]))
    # Clicks: web push and sms directly, email and kakao after an open.
    click_p = FUNNEL["click"][channel]
    clicked = np.where((channel == EMAIL) | (channel == KAKAO), opened, delivered) & (
        rng.random(n) < click_p
    )
    clicked_at = np.where(opened, opened_at, delivered_at) + _delay(rng, n, 40)
    rows.append((np.flatnonzero(clicked), CLICK, clicked_at[clicked]))
    engaged = opened | clicked
    dismiss_p = FUNNEL["dismiss"][channel]
    dismissed = delivered & ~engaged & (rng.random(n) < dismiss_p)
    rows.append(
        (
            np.flatnonzero(dismissed),
            DISMISS,
            delivered_at[dismissed] + _delay(rng, int(dismissed.sum()), 300),
        )
    )
    opt_p = FUNNEL["opt_out"][channel]
    opted = delivered & (rng.random(n) < opt_p)
    opted_at = np.where(opened, opened_at, delivered_at) + _delay(rng, n, 120)
    rows.append((np.flatnonzero(opted), OPT_OUT, opted_at[opted]))

    events = _message_events(rows, ctx.stop)
    send_index, event_type, at = events["send"], events["event_type"], events["at"]
    is_touch = ((event_type == OPEN) & (channel[send_index] == APP_PUSH)) | (
        event_type == CLICK
    )
    return MessageFunnel(events, send_index[is_touch], at[is_touch])


def _message_events(rows: list[tuple[np.ndarray, int, np.ndarray]], stop: int) -> Frame:
    """Message events from (send indices, event type, times), before `stop`."""
    events = {
        "send": np.concatenate([r[0] for r in rows]),
        "event_type": np.concatenate(
            [np.full(len(r[0]), r[1], dtype=np.int8) for r in rows]
        ),
        "at": np.concatenate([r[2] for r in rows]),
    }
    return take(events, np.flatnonzero(events["at"] < stop))


def in_app_messages(
    ctx: Context, sessions: Frame, campaigns: list[Campaign]
) -> tuple[Sends, Frame, np.ndarray]:
    """In-app messages shown in a fifth of app sessions."""
    rng = ctx.rng
    in_app = [i for i, c in enumerate(campaigns) if c.kind == "in_app"]
    shown = np.flatnonzero(
        (sessions["platform"] == APP) & (rng.random(len(sessions["person"])) < 0.2)
    )
    at = sessions["start"][shown] + rng.integers(1, 6, len(shown))
    sends = Sends(
        person=sessions["person"][shown],
        campaign=np.asarray(in_app)[rng.integers(0, len(in_app), len(shown))],
        channel=np.full(len(shown), IN_APP, dtype=np.int8),
        at=at,
        device=sessions["device"][shown],
        anon=np.full(len(shown), -1, dtype=np.int64),
    )
    n = len(shown)
    clicked = rng.random(n) < 0.12
    dismissed = ~clicked & (rng.random(n) < 0.45)
    rows = [
        (np.arange(n), SEND, at),
        (np.arange(n), DELIVERY, at + rng.integers(0, 2, n)),
        (np.arange(n), IMPRESSION, at + rng.integers(2, 4, n)),
        (
            np.flatnonzero(clicked),
            CLICK,
            at[clicked] + rng.integers(4, 40, int(clicked.sum())),
        ),
        (
            np.flatnonzero(dismissed),
            DISMISS,
            at[dismissed] + rng.integers(4, 20, int(dismissed.sum())),
        ),
    ]
    events = _message_events(rows, ctx.stop)
    clicked_sessions = shown[clicked]
    return sends, events, clicked_sessions


def write_messages(
    world: World,
    sends: Sends,
    funnel: MessageFunnel,
    in_app: Sends,
    in_app_events: Frame,
) -> None:
    people, rng = world.people, world.ctx.rng
    all_sends = sends.concat(in_app)
    offset = len(sends.person)
    send = np.concatenate([funnel.events["send"], in_app_events["send"] + offset])
    frame: Frame = {
        "at": np.concatenate([funnel.events["at"], in_app_events["at"]]),
        "event_type": np.concatenate(
            [funnel.events["event_type"], in_app_events["event_type"]]
        ),
        "send": send,
    }
    frame = sorted_by(frame, "at")
    send = frame["send"]
    n = len(send)
    person = all_sends.person[send]
    channel = all_sends.channel[send].astype(np.int8)
    # Identifiers per send: push and in-app carry user_id and/or device_id,
    # web push the cookie (and the user sometimes), email the hash (and the
    # user sometimes), sms and kakao the user.
    send_draw = rng.random(len(all_sends.person))[send]
    logged = world.people.user_at(person, frame["at"], APP) >= 0
    known = people.user_num[person] >= 0
    device_kind = (channel == APP_PUSH) | (channel == IN_APP)
    user = np.where(
        (device_kind & logged & (send_draw < 0.8))
        | ((channel == WEB_PUSH) & known & (send_draw < 0.5))
        | ((channel == EMAIL) & known & (send_draw < 0.4))
        | (channel == SMS)
        | (channel == KAKAO),
        people.user_num[person],
        -1,
    )
    device = np.where(
        device_kind & ((user < 0) | (send_draw < 0.7)), all_sends.device[send], -1
    )
    anon = np.where(channel == WEB_PUSH, all_sends.anon[send], -1)
    email_person = np.where(channel == EMAIL, person, -1)
    platform = np.where(
        device_kind,
        lookup(people.device_platform, all_sends.device[send]),
        np.where(channel == WEB_PUSH, WEB_PLATFORM, -1),
    )
    message = np.where(rng.random(n) < 0.015, -1, all_sends.message[send])
    style, ts_style = styles(rng, n)
    frame.update(
        key=np.arange(1, n + 1, dtype=np.int64),
        channel=channel,
        campaign=all_sends.campaign[send],
        message=message,
        device=device,
        anon=anon,
        user=user,
        email_person=email_person,
        platform=platform.astype(np.int8),
        style=style,
        ts_style=ts_style,
    )
    del frame["send"]
    frame, defect, stats = inject(world, "message_events", frame, "at", "key")
    widths = world.widths
    columns = {
        "event_id": id_text("me", frame["key"], digit_width(frame["key"], 10)),
        "event_at": timestamp_text(frame["at"], frame["ts_style"]),
        "channel": enum_text(frame["channel"], CHANNELS, frame["style"]),
        "event_type": enum_text(frame["event_type"], EVENT_TYPES, frame["style"]),
        "campaign_id": vocab_text(frame["campaign"], world.campaign_ids),
        "message_id": id_text("msg", frame["message"], widths.message),
        "device_id": device_text(frame["device"], people, widths),
        "anonymous_id": anon_text(frame["anon"], people, widths),
        "user_id": user_text(frame["user"], widths),
        "email_hash": hash_text(frame["email_person"], frame["style"] == 2, people),
        "platform": enum_text(frame["platform"], PLATFORMS, frame["style"]),
    }
    world.writer.write("message_events", columns, defect, stats)
