"""Conversions: purchases, their orders of record, and exchange rates.

Online purchases end buying sessions (some only as an event, some only as an
order); store and call-centre orders come from known persons. Each purchase
has an amount in the person's currency and a status; the same order is seen
in orders and in the app or web events. The orders and fx_rates tables are
written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from assist.generator.contract import (
    COMPLETED,
    CURRENCIES,
    EUR,
    FX_BASE,
    KRW,
    REFUNDED,
    SALE_APP,
    SALE_CALL_CENTER,
    SALE_STORE,
    SALE_WEB,
    SALES_CHANNELS,
    STATUSES,
    USD,
    by_code,
)
from assist.generator.defects import inject
from assist.generator.frames import (
    APP,
    DAY,
    WEB,
    Frame,
    choice,
    concat,
    frame_len,
    lookup,
    sorted_by,
    styles,
    take,
)
from assist.generator.people import (
    STORE_ORDERS_30D,
    anon_text,
    device_text,
    hash_text,
    user_text,
)
from assist.generator.render import (
    amount_text,
    currency_text,
    date_text,
    enum_text,
    id_text,
    timestamp_text,
)

if TYPE_CHECKING:
    from assist.generator.simulation import World

# The status of an order of record, by share.
STATUS_SHARE = by_code(
    STATUSES, {"completed": 0.97, "refunded": 0.02, "cancelled": 0.01}
)


def simulate_purchases(
    world: World, sessions: Frame, plan: Frame, events: Frame
) -> Frame:
    """One row per purchase (online and offline) with its order of record."""
    ctx, people, rng = world.ctx, world.people, world.ctx.rng
    buying = np.flatnonzero(plan["purchase"])
    sizes_end = np.searchsorted(events["session"], buying, side="right") - 1
    last_at = events["at"][sizes_end]
    tracked = plan["purchase_event"][buying]
    event_at = np.where(tracked, last_at, -1)
    person = sessions["person"][buying]
    platform = sessions["platform"][buying]
    # A purchase whose event falls after the export is not in it at all.
    done = last_at < ctx.stop
    buying, sizes_end, last_at, tracked = (
        buying[done],
        sizes_end[done],
        last_at[done],
        tracked[done],
    )
    event_at = event_at[done]
    person = person[done]
    platform = platform[done]
    online_order_at = np.where(
        tracked,
        last_at + rng.integers(-3, 25, len(buying)),
        last_at + rng.integers(5, 90, len(buying)),
    )
    online = {
        "person": person,
        "session": buying,
        "channel": np.where(platform == APP, SALE_APP, SALE_WEB).astype(np.int8),
        "event_at": event_at,
        "event_row": np.where(tracked, sizes_end, -1),
        "order_at": np.minimum(online_order_at, ctx.stop - 1),
        "has_order": ~plan["event_only"][buying],
        "user": np.where(
            sessions["forced_user"][buying],
            people.user_num[person],
            np.where(
                platform == APP,
                world.people.user_at(person, last_at, APP),
                world.people.user_at(person, last_at, WEB),
            ),
        ),
        "device": sessions["device"][buying],
        "anon": sessions["anon"][buying],
    }
    # Store and call-centre orders of known persons (loyalty id or email).
    rate = STORE_ORDERS_30D[people.persona] * ctx.scale * people.known
    count = rng.poisson(rate)
    store_person = np.repeat(np.arange(people.n), count)
    k = len(store_person)
    day = rng.integers(0, ctx.days, k)
    store_at = ctx.start + day * DAY + rng.integers(9 * 3600, 21 * 3600, k)
    offline = {
        "person": store_person,
        "session": np.full(k, -1, dtype=np.int64),
        "channel": np.where(rng.random(k) < 0.85, SALE_STORE, SALE_CALL_CENTER).astype(
            np.int8
        ),
        "event_at": np.full(k, -1, dtype=np.int64),
        "event_row": np.full(k, -1, dtype=np.int64),
        "order_at": store_at,
        "has_order": np.ones(k, dtype=bool),
        "user": people.user_num[store_person],
        "device": np.full(k, -1, dtype=np.int64),
        "anon": np.full(k, -1, dtype=np.int64),
    }
    purchases = concat([online, offline])
    n = frame_len(purchases)
    currency = people.currency[purchases["person"]]
    usd = np.exp(rng.normal(np.log(50), 0.7, n))
    minor = np.select(
        [currency == USD, currency == EUR],
        [np.round(usd * 100), np.round(usd / FX_BASE["EUR"] * 100)],
        np.round(usd / FX_BASE["KRW"] / 100) * 100,
    ).astype(np.int64)
    purchases["currency"] = currency
    purchases["minor"] = minor
    purchases["status"] = choice(rng, n, STATUS_SHARE).astype(np.int8)
    # Order numbers by the time the order was placed.
    order_number = np.full(n, -1, dtype=np.int64)
    with_order = np.flatnonzero(purchases["has_order"])
    ranked = with_order[np.argsort(purchases["order_at"][with_order], kind="stable")]
    order_number[ranked] = np.arange(1, len(ranked) + 1)
    purchases["order"] = order_number
    # App purchases also seen by the web tag (in-app web view checkout).
    purchases["webview"] = (
        (purchases["channel"] == SALE_APP)
        & (purchases["event_at"] >= 0)
        & (people.anon_count[purchases["person"]] > 0)
        & (rng.random(n) < 0.06)
    )
    return purchases


def purchase_fields(world: World, frame: Frame, purchases: Frame) -> None:
    """Adds order, amount and currency of event rows (frame["purchase"] is
    the purchase of the row or -1). Random choices happen here, before
    duplicates are made, so that copies stay identical."""
    rows = frame["purchase"]
    currency = lookup(purchases["currency"], rows)
    # Reporting-currency rows sometimes leave currency empty.
    blank = (currency == USD) & (world.ctx.rng.random(len(rows)) < 0.12)
    frame["order"] = lookup(purchases["order"], rows)
    frame["minor"] = lookup(purchases["minor"], rows)
    frame["currency"] = np.where(blank, -1, currency).astype(np.int8)


def purchase_words(world: World, frame: Frame) -> dict[str, pa.Array]:
    currency = frame["currency"]
    return {
        "order_id": id_text("o", frame["order"], world.widths.order),
        "revenue": amount_text(frame["minor"], np.where(currency == KRW, 0, 2)),
        "currency": currency_text(currency, frame["style"]),
    }


def write_orders(world: World, purchases: Frame) -> None:
    people, rng = world.people, world.ctx.rng
    rows = np.flatnonzero(purchases["has_order"])
    rows = rows[np.argsort(purchases["order"][rows], kind="stable")]
    p = take(purchases, rows)
    n = len(rows)
    channel = p["channel"]
    user = p["user"]
    person = p["person"]
    draw = rng.random(n)
    # Identifiers the backend knows: the account, the guest email, the
    # device (app) or cookie (web); store and call centre know the loyalty
    # account or the email only.
    offline = (channel == SALE_STORE) | (channel == SALE_CALL_CENTER)
    user = np.where(offline & (draw < 0.4), -1, user)
    email = np.where(
        (user < 0) | (rng.random(n) < np.where(offline, 0.1, 0.25)), person, -1
    )
    device = np.where((channel == SALE_APP) & (rng.random(n) < 0.7), p["device"], -1)
    anon = np.where((channel == SALE_WEB) & (rng.random(n) < 0.6), p["anon"], -1)
    style, ts_style = styles(rng, n)
    frame: Frame = {
        "at": p["order_at"],
        "key": p["order"],
        "user": user,
        "email_person": email,
        "device": device,
        "anon": anon,
        "channel": channel,
        "minor": p["minor"],
        "currency": np.where(
            (p["currency"] == USD) & (rng.random(n) < 0.1), -1, p["currency"]
        ),
        "status": p["status"],
        "style": style,
        "ts_style": ts_style,
    }
    frame = sorted_by(frame, "at")

    def conflict(changed: Frame) -> None:
        # A later status update exported as a second row of the same order.
        changed["status"] = np.where(
            changed["status"] == COMPLETED, REFUNDED, COMPLETED
        ).astype(np.int8)

    frame, defect, stats = inject(world, "orders", frame, "at", "key", conflict)
    columns = {
        "order_id": id_text("o", frame["key"], world.widths.order),
        "ordered_at": timestamp_text(frame["at"], frame["ts_style"]),
        "user_id": user_text(frame["user"], world.widths),
        "email_hash": hash_text(frame["email_person"], frame["style"] == 2, people),
        "device_id": device_text(frame["device"], people, world.widths),
        "anonymous_id": anon_text(frame["anon"], people, world.widths),
        "sales_channel": enum_text(frame["channel"], SALES_CHANNELS, frame["style"]),
        "revenue": amount_text(
            frame["minor"], np.where(frame["currency"] == KRW, 0, 2)
        ),
        "currency": currency_text(frame["currency"], frame["style"]),
        "status": enum_text(frame["status"], STATUSES, frame["style"]),
    }
    world.writer.write("orders", columns, defect, stats)


def write_fx_rates(world: World) -> None:
    """Weekday rates to USD for EUR and KRW, from a week before the period."""
    ctx, rng = world.ctx, world.ctx.rng
    first_day = ctx.start // DAY - 7
    all_days = first_day + np.arange(ctx.days + 7)
    weekday = (all_days + 3) % 7  # 1970-01-01 was a Thursday
    days = all_days[weekday < 5]
    rows = []
    for currency, base in FX_BASE.items():
        walk = base * np.exp(np.cumsum(rng.normal(0, 0.003, len(days))))
        rows.append((days, np.full(len(days), CURRENCIES.index(currency)), walk))
    frame: Frame = {
        "day": np.concatenate([r[0] for r in rows]),
        "currency": np.concatenate([r[1] for r in rows]).astype(np.int64),
        "rate": np.concatenate([r[2] for r in rows]),
    }
    frame = take(frame, np.lexsort((frame["currency"], frame["day"])))
    n = len(frame["day"])
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "fx_rates", frame, None, None)
    # Bad rows get dates of their own (a year before), so that they never
    # share a key with a valid rate.
    bad = np.flatnonzero(defect >= 0)
    frame["day"][bad] = first_day - 365 - np.arange(len(bad))
    rates = [
        f"{rate:.6f}" if code == KRW else f"{rate:.4f}"
        for rate, code in zip(
            frame["rate"].tolist(), frame["currency"].tolist(), strict=True
        )
    ]
    columns = {
        "rate_date": date_text(frame["day"]),
        "currency": currency_text(
            frame["currency"], np.where(frame["style"] == 1, 1, 0)
        ),
        "rate_to_reporting": pa.array(rates, pa.string()),
    }
    world.writer.write("fx_rates", columns, defect, stats)
