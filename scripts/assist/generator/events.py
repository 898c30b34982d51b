"""Touches: the app_events and web_events tables.

The exploded session events of each platform, in time order, with the
identifiers a row carries at that time (the user once logged in), session ids,
the landing's campaign tags, and the purchase fields of purchase events. The
web tag also sees app purchases checked out in a web view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from assist.generator.contract import PLATFORMS
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
from assist.generator.traffic import campaign_texts, profile_text, utm_campaign

if TYPE_CHECKING:
    from assist.generator.simulation import World


def write_app_events(
    world: World, sessions: Frame, plan: Frame, events: Frame, purchases: Frame
) -> None:
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    on_app = sessions["platform"][events["session"]] == APP
    rows = np.flatnonzero(on_app & (events["at"] < ctx.stop))
    rows = rows[np.argsort(events["at"][rows], kind="stable")]
    session = events["session"][rows]
    at = events["at"][rows]
    first = events["position"][rows] == 0
    person = sessions["person"][session]
    n = len(rows)
    traffic = np.where(first, sessions["traffic"][session], 0)
    campaign = np.where(traffic > 0, sessions["campaign"][session], -1)
    style, ts_style = styles(rng, n)
    frame: Frame = {
        "at": at,
        "key": np.arange(1, n + 1, dtype=np.int64),
        "name": events["name"][rows],
        "device": sessions["device"][session],
        "user": np.where(
            sessions["forced_user"][session],
            people.user_num[person],
            world.people.user_at(person, at, APP),
        ),
        "session": session_numbers(sessions, plan, APP)[session],
        "traffic": traffic,
        "campaign": utm_campaign(world, campaign, plan["utm_by_name"][session]),
        "push_message": np.where(first, sessions["push_message"][session], -1),
        "purchase": purchase_of_rows(rows, events, purchases),
        "style": style,
        "ts_style": ts_style,
    }
    del session, person, at, first
    purchase_fields(world, frame, purchases)
    frame, defect, stats = world.inject("app_events", frame, "at", "key")
    profiles = world.app_book.profiles
    device = frame["device"]
    columns = {
        "event_id": id_text("ae", frame["key"], digit_width(frame["key"], 10)),
        "event_at": timestamp_text(frame["at"], frame["ts_style"]),
        "event_name": vocab_text(frame["name"], EVENT_NAMES),
        "device_id": device_text(device, people, world.widths),
        "user_id": user_text(frame["user"], world.widths),
        "session_id": id_text("sa", frame["session"], world.widths.session),
        "platform": vocab_text(
            people.device_platform[device].astype(np.int64), PLATFORMS
        ),
        "campaign_source": profile_text(frame["traffic"], profiles, "source"),
        "campaign_medium": profile_text(frame["traffic"], profiles, "medium"),
        "campaign_name": vocab_text(frame["campaign"], campaign_texts(world)),
        "push_message_id": id_text("msg", frame["push_message"], world.widths.message),
    }
    columns.update(purchase_words(world, frame))
    world.writer.write("app_events", columns, defect, stats)


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
    on_web = sessions["platform"][events["session"]] == WEB
    rows = np.flatnonzero(on_web & (events["at"] < ctx.stop))
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
    person = sessions["person"][session]
    landing = events["position"][rows] <= 1
    traffic = np.where(landing, sessions["traffic"][session], 0)
    campaign = np.where(traffic > 0, sessions["campaign"][session], -1)
    frame: Frame = {
        "at": at,
        "name": events["name"][rows],
        "anon": sessions["anon"][session],
        "user": np.where(
            sessions["forced_user"][session],
            people.user_num[person],
            world.people.user_at(person, at, WEB),
        ),
        "session": session_numbers(sessions, plan, WEB)[session],
        "page": page,
        "referrer_page": referrer_page,
        "traffic": traffic,
        "campaign": utm_campaign(world, campaign, plan["utm_by_name"][session]),
        "purchase": purchase_of_rows(rows, events, purchases),
        "click": np.where(landing, session, -1),
    }
    del session, at, person, landing, traffic, campaign, page, referrer_page
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
    purchase_fields(world, frame, purchases)
    frame, defect, stats = world.inject("web_events", frame, "at", "key")
    profiles = world.web_book.profiles
    utm_code = frame["campaign"]
    columns = {
        "event_id": id_text("we", frame["key"], digit_width(frame["key"], 10)),
        "event_at": timestamp_text(frame["at"], frame["ts_style"]),
        "event_name": vocab_text(frame["name"], EVENT_NAMES),
        "anonymous_id": anon_text(frame["anon"], people, world.widths),
        "user_id": user_text(frame["user"], world.widths),
        "session_id": id_text("sw", frame["session"], world.widths.session),
        "page_url": page_urls(world, frame["page"], frame["traffic"], utm_code),
        "referrer_url": referrers(world, frame["referrer_page"], frame["traffic"]),
        "utm_source": profile_text(frame["traffic"], profiles, "source"),
        "utm_medium": profile_text(frame["traffic"], profiles, "medium"),
        "utm_campaign": vocab_text(utm_code, campaign_texts(world)),
        "click_id": click_ids(world, frame["click"], frame["traffic"]),
    }
    columns.update(purchase_words(world, frame))
    world.writer.write("web_events", columns, defect, stats)
