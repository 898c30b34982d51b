"""Touches: the app_events and web_events tables.

The exploded session events of each platform, in time order, with the
identifiers a row carries at that time (the user once logged in), session ids,
the landing's campaign tags, and the purchase fields of purchase events. The
web tag also sees app purchases checked out in a web view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from assist.generator.contract import PLATFORMS
from assist.generator.defects import inject
from assist.generator.frames import APP, WEB, Frame, interleave, styles, take
from assist.generator.journeys import EV, EVENT_NAMES
from assist.generator.orders import purchase_fields, purchase_words
from assist.generator.pages import (
    PAGE_CHECKOUT,
    PAGE_CONFIRMATION,
    click_ids,
    page_of_events,
    page_urls,
    referrers,
)
from assist.generator.people import anon_text, device_text, user_text
from assist.generator.render import digit_width, id_text, timestamp_text, vocab_text
from assist.generator.traffic import (
    Traffic,
    campaign_texts,
    profile_text,
    utm_campaign,
)

if TYPE_CHECKING:
    from assist.generator.simulation import World


def write_app_events(
    world: World, sessions: Frame, plan: Frame, events: Frame, purchases: Frame
) -> None:
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    rows = _rows_on(APP, sessions, events, ctx.stop)
    rows = rows[np.argsort(events["at"][rows], kind="stable")]
    session = events["session"][rows]
    at = events["at"][rows]
    first = events["position"][rows] == 0
    n = len(rows)
    style, ts_style = styles(rng, n)
    frame: Frame = {
        "at": at,
        "key": np.arange(1, n + 1, dtype=np.int64),
        "name": events["name"][rows],
        "device": sessions["device"][session],
        **_session_fields(world, sessions, plan, APP, session, at, first),
        "push_message": np.where(first, sessions["push_message"][session], -1),
        "purchase": purchase_of_rows(rows, events, purchases),
        "style": style,
        "ts_style": ts_style,
    }
    del session, at, first
    profiles = world.app_book.profiles

    def own(frame: Frame) -> dict[str, pa.Array]:
        device = frame["device"]
        return {
            "device_id": device_text(device, people, world.widths),
            "platform": vocab_text(
                people.device_platform[device].astype(np.int64), PLATFORMS
            ),
            "push_message_id": id_text(
                "msg", frame["push_message"], world.widths.message
            ),
        }

    tags = ("campaign_source", "campaign_medium", "campaign_name")
    _write_touches(world, "app_events", frame, purchases, "a", tags, profiles, own)


def _rows_on(platform: int, sessions: Frame, events: Frame, stop: int) -> np.ndarray:
    """The event rows of one platform's sessions that happen before `stop`."""
    on_platform = sessions["platform"][events["session"]] == platform
    return np.flatnonzero(on_platform & (events["at"] < stop))


def _session_fields(
    world: World,
    sessions: Frame,
    plan: Frame,
    platform: int,
    session: np.ndarray,
    at: np.ndarray,
    landing: np.ndarray,
) -> Frame:
    """The columns a row takes from its session: the user it carries (the
    signed-in user of a shared device, else the person's user once logged in
    on the platform), the session id number, and on landing rows the traffic
    profile and UTM campaign code (0 and -1 on the other rows)."""
    person = sessions["person"][session]
    traffic = np.where(landing, sessions["traffic"][session], 0)
    campaign = np.where(traffic > 0, sessions["campaign"][session], -1)
    return {
        "user": np.where(
            sessions["forced_user"][session],
            world.people.user_num[person],
            world.people.user_at(person, at, platform),
        ),
        "session": session_numbers(sessions, plan, platform)[session],
        "traffic": traffic,
        "campaign": utm_campaign(world, campaign, plan["utm_by_name"][session]),
    }


def session_numbers(sessions: Frame, plan: Frame, platform: int) -> np.ndarray:
    """session_id numbers of one platform's sessions (-1: no session_id)."""
    number = np.full(len(sessions["start"]), -1, dtype=np.int64)
    mine = np.flatnonzero(sessions["platform"] == platform)
    number[mine] = np.arange(1, len(mine) + 1)
    number[~plan["has_session_id"]] = -1
    return number


def purchase_of_rows(rows: np.ndarray, events: Frame, purchases: Frame) -> np.ndarray:
    """The purchase recorded by each event row, or -1."""
    of_row = np.full(len(events["at"]), -1, dtype=np.int64)
    tracked = np.flatnonzero(purchases["event_row"] >= 0)
    of_row[purchases["event_row"][tracked]] = tracked
    return of_row[rows]


def write_web_events(
    world: World, sessions: Frame, plan: Frame, events: Frame, purchases: Frame
) -> None:
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    rows = _rows_on(WEB, sessions, events, ctx.stop)
    # Pages follow the session's order of events (the referrer of a page
    # is the page before it); then rows are put in time order.
    position = events["position"][rows]
    name = events["name"][rows]
    page = page_of_events(name, position, rng)
    landing_page = page[np.minimum(np.arange(len(page)) + 1, len(page) - 1)]
    page = np.where(position == 0, landing_page, page)
    referrer_page = np.where(position <= 1, -1, np.roll(page, 1))
    order = np.argsort(events["at"][rows], kind="stable")
    rows, page, referrer_page = rows[order], page[order], referrer_page[order]
    del position, name, landing_page, order
    session = events["session"][rows]
    at = events["at"][rows]
    landing = events["position"][rows] <= 1
    frame: Frame = {
        "at": at,
        "name": events["name"][rows],
        "anon": sessions["anon"][session],
        **_session_fields(world, sessions, plan, WEB, session, at, landing),
        "page": page,
        "referrer_page": referrer_page,
        "purchase": purchase_of_rows(rows, events, purchases),
        "click": np.where(landing, session, -1),
    }
    del session, at, landing, page, referrer_page
    # In-app web view checkouts: the web tag sees the app purchase too.
    webview = np.flatnonzero(purchases["webview"])
    k = len(webview)
    wv_person = purchases["person"][webview]
    extra: Frame = {
        "at": purchases["event_at"][webview] + rng.integers(0, 4, k),
        "name": np.full(k, EV["purchase"], dtype=np.int8),
        "anon": people.anon_first[wv_person],
        "user": people.user_num[wv_person],
        "session": np.full(k, -1, dtype=np.int64),
        "page": np.full(k, PAGE_CONFIRMATION, dtype=np.int64),
        "referrer_page": np.full(k, PAGE_CHECKOUT, dtype=np.int64),
        "traffic": np.zeros(k, dtype=np.int64),
        "campaign": np.full(k, -1, dtype=np.int64),
        "purchase": webview,
        "click": np.full(k, -1, dtype=np.int64),
    }
    extra = take(extra, np.argsort(extra["at"], kind="stable"))
    position = np.searchsorted(frame["at"], extra["at"], side="right")
    frame = interleave(frame, extra, position)
    n = len(frame["at"])
    frame["key"] = np.arange(1, n + 1, dtype=np.int64)
    frame["style"], frame["ts_style"] = styles(rng, n)
    profiles = world.web_book.profiles

    def own(frame: Frame) -> dict[str, pa.Array]:
        traffic = frame["traffic"]
        return {
            "anonymous_id": anon_text(frame["anon"], people, world.widths),
            "page_url": page_urls(world, frame["page"], traffic, frame["campaign"]),
            "referrer_url": referrers(world, frame["referrer_page"], traffic),
            "click_id": click_ids(world, frame["click"], traffic),
        }

    tags = ("utm_source", "utm_medium", "utm_campaign")
    _write_touches(world, "web_events", frame, purchases, "w", tags, profiles, own)


def _write_touches(
    world: World,
    table: str,
    frame: Frame,
    purchases: Frame,
    prefix: str,
    tags: tuple[str, str, str],
    profiles: list[Traffic],
    own: Callable[[Frame], dict[str, pa.Array]],
) -> None:
    """Adds the purchase fields and the mess to an event table's rows, then
    writes the columns both tables share (ids prefixed `prefix`, the traffic
    tags under the table's names `tags`) and the table's `own` columns."""
    purchase_fields(world, frame, purchases)
    frame, defect, stats = inject(world, table, frame, "at", "key")
    widths = world.widths
    source, medium, campaign = tags
    columns = {
        "event_id": id_text(prefix + "e", frame["key"], digit_width(frame["key"], 10)),
        "event_at": timestamp_text(frame["at"], frame["ts_style"]),
        "event_name": vocab_text(frame["name"], EVENT_NAMES),
        "user_id": user_text(frame["user"], widths),
        "session_id": id_text("s" + prefix, frame["session"], widths.session),
        source: profile_text(frame["traffic"], profiles, "source"),
        medium: profile_text(frame["traffic"], profiles, "medium"),
        campaign: vocab_text(frame["campaign"], campaign_texts(world)),
        **own(frame),
        **purchase_words(world, frame),
    }
    world.writer.write(table, columns, defect, stats)
