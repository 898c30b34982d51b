"""Journeys: what happens inside each session, event by event.

A plan per session (browse depth, login, coupon, subscribe, purchase, whether
the purchase is tracked) is exploded into one row per event with its time;
login events then set each person's login times (a new account signs up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from assist.generator.contract import words
from assist.generator.frames import APP, WEB, Context, Frame, choice, first_per_group
from assist.generator.people import People
from assist.generator.sessions import LANDING, SHARED

if TYPE_CHECKING:
    from assist.generator.simulation import World

# Event names (app and web share one vocabulary).
EVENT_NAMES = words(
    "session_start screen_view page_view view_item search add_to_cart "
    "wishlist_add view_cart login sign_up coupon_issued subscribe "
    "begin_checkout purchase"
)
EV = {name: code for code, name in enumerate(EVENT_NAMES)}
APP_BROWSE = (
    ("screen_view", 0.40),
    ("view_item", 0.30),
    ("search", 0.12),
    ("add_to_cart", 0.07),
    ("wishlist_add", 0.06),
    ("view_cart", 0.05),
)
WEB_BROWSE = (
    ("page_view", 0.45),
    ("view_item", 0.27),
    ("search", 0.10),
    ("add_to_cart", 0.08),
    ("wishlist_add", 0.05),
    ("view_cart", 0.05),
)


def explode_sessions(ctx: Context, sessions: Frame, plan: Frame) -> Frame:
    """One row per event: start, landing, login?, browse*k, coupon?, subscribe?,
    add_to_cart, begin_checkout, purchase? (cart and checkout when buying)."""
    rng = ctx.rng
    platform = sessions["platform"]
    k = plan["browse"]
    login = plan["login"].astype(np.int64)
    coupon = plan["coupon"].astype(np.int64)
    subscribe = plan["subscribe"].astype(np.int64)
    buying = plan["purchase"].astype(np.int64)
    tracked = plan["purchase_event"].astype(np.int64)
    sizes = 2 + login + k + coupon + subscribe + 2 * buying + tracked
    total = int(sizes.sum())
    session = np.repeat(np.arange(len(sizes)), sizes)
    first = np.cumsum(sizes) - sizes
    position = np.arange(total) - np.repeat(first, sizes)

    def at_session(values: np.ndarray) -> np.ndarray:
        return np.repeat(values, sizes)

    b_browse = at_session(2 + login)
    b_coupon = b_browse + at_session(k)
    b_subscribe = b_coupon + at_session(coupon)
    b_cart = b_subscribe + at_session(subscribe)
    is_web = at_session(platform == WEB)
    browse_app = np.array([EV[name] for name, _ in APP_BROWSE])[
        choice(rng, total, [w for _, w in APP_BROWSE])
    ]
    browse_web = np.array([EV[name] for name, _ in WEB_BROWSE])[
        choice(rng, total, [w for _, w in WEB_BROWSE])
    ]
    name = np.select(
        [
            position == 0,
            position == 1,
            position < b_browse,
            position < b_coupon,
            position < b_subscribe,
            position < b_cart,
            position == b_cart,
            position == b_cart + 1,
        ],
        [
            EV["session_start"],
            np.where(is_web, EV["page_view"], EV["screen_view"]),
            EV["login"],
            np.where(is_web, browse_web, browse_app),
            EV["coupon_issued"],
            EV["subscribe"],
            EV["add_to_cart"],
            EV["begin_checkout"],
        ],
        EV["purchase"],
    ).astype(np.int8)
    gap = np.where(
        position == 0,
        0,
        np.where(
            position == 1,
            rng.integers(0, 2, total),
            np.minimum(1 + rng.exponential(45, total).astype(np.int64), 900),
        ),
    )
    running = np.cumsum(gap)
    at = at_session(sessions["start"]) + running - at_session(running[first])
    return {"session": session, "position": position, "name": name, "at": at}


def plan_sessions(ctx: Context, people: People, sessions: Frame) -> Frame:
    """Per session: browse depth, login, coupon, subscribe and purchase."""
    rng = ctx.rng
    n = len(sessions["person"])
    person = sessions["person"]
    platform = sessions["platform"]
    kind = sessions["kind"]
    known = people.known[person]
    landing = kind == LANDING
    base = np.where(platform == APP, 0.045, 0.03)
    base = np.where(landing, base * 1.4, base) * np.where(known, 1.0, 0.7)
    purchase = (rng.random(n) < base) | sessions["forced_purchase"]
    coupon = rng.random(n) < np.where(landing, 0.12, 0.01)
    subscribe = known & (rng.random(n) < 0.012)
    # Logins: one session per person that logs in during the period.
    event_only = purchase & (rng.random(n) < 0.03)
    login = np.zeros(n, dtype=bool)
    for plat, wanted in (
        (APP, people.login_in_window_app),
        (WEB, people.login_in_window_web),
    ):
        candidates = np.flatnonzero(
            (platform == plat) & wanted[person] & (kind != SHARED)
        )
        order = np.lexsort((rng.random(len(candidates)), person[candidates]))
        chosen = candidates[order]
        login[chosen[first_per_group(person[chosen])]] = True
    return {
        "browse": rng.poisson(2.2, n),
        "login": login,
        "coupon": coupon,
        "subscribe": subscribe,
        "purchase": purchase,
        # 3% of purchases are events without order_id (no order of record);
        # 4% of orders of record have no purchase event.
        "event_only": event_only,
        "purchase_event": purchase & (event_only | (rng.random(n) >= 0.04)),
        "has_session_id": rng.random(n) >= np.where(platform == APP, 0.08, 0.02),
        # UTM campaign by name (else by campaign id), per session.
        "utm_by_name": rng.random(n) < 0.6,
    }


def logins(world: World, sessions: Frame, events: Frame) -> None:
    """Login times come from the login events; a new account signs up."""
    people = world.people
    is_login = events["name"] == EV["login"]
    rows = np.flatnonzero(is_login)
    session = events["session"][rows]
    person = sessions["person"][session]
    platform = sessions["platform"][session]
    at = events["at"][rows]
    for plat, target in ((APP, people.app_login), (WEB, people.web_login)):
        mine = platform == plat
        target[person[mine]] = at[mine]
    first = np.minimum(people.app_login, people.web_login)
    sign_up = people.new_account[person] & (at == first[person])
    # A tie between app and web: the app login is the sign-up.
    both = sign_up & (platform == WEB) & (people.app_login[person] == at)
    events["name"][rows[sign_up & ~both]] = EV["sign_up"]
