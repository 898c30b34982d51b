"""Campaigns: the catalogue of message and paid campaigns, and their costs.

Message campaigns are blasts (sent once to a share of opted-in persons),
triggered series and in-app messages, each with the engagement platform's
conversion settings; paid campaigns belong to a traffic family and cost a
daily amount. The campaigns and costs tables are written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from assist.generator.contract import (
    APP_PUSH,
    CAMPAIGN_CHANNELS,
    CHANNELS,
    COST_CHANNELS,
    EMAIL,
    EUR,
    FX_BASE,
    IN_APP,
    KAKAO,
    SMS,
    USD,
    WEB_PUSH,
)
from assist.generator.defects import inject
from assist.generator.frames import DAY, Context, Frame, styles
from assist.generator.holdouts import HOLDOUT_WINDOW_DAYS, is_holdout
from assist.generator.render import (
    amount_text,
    currency_text,
    date_text,
    enum_text,
    timestamp_text,
    vocab_text,
)

if TYPE_CHECKING:
    from assist.generator.simulation import World

# Paid campaigns: (family, channel for costs, name, daily cost in USD).
PAID_CAMPAIGNS = (
    ("search", "paid_search", "search_brand_q4", 420.0),
    ("search", "paid_search", "search_generic_q4", 610.0),
    ("search_bing", "paid_search", "search_bing_q4", 95.0),
    ("social", "paid_social", "social_prospecting_fall", 380.0),
    ("social_retargeting", "paid_social", "social_retargeting_fall", 160.0),
    ("display", "display", "display_retargeting", 140.0),
    ("affiliate", "affiliate", "affiliate_network", 75.0),
    ("cross_network", "cross_network", "pmax_cross-network_q4", 300.0),
    ("video", "paid_video", "video_awareness_q4", 210.0),
    ("shopping", "paid_shopping", "shopping_feed_q4", 260.0),
)


@dataclass
class Campaign:
    campaign_id: str
    channel: str
    name: str
    kind: str  # blast, triggered, in_app or paid
    started_at: int
    send_at: int = -1
    audience: float = 0.0
    tracking: str = "true"  # true, false or empty (default true)
    conversion_events: str = ""
    family: str = ""
    cost_channel: str = ""
    daily_cost: float = 0.0


def make_campaigns(ctx: Context) -> list[Campaign]:
    rng, days = ctx.rng, ctx.days
    campaigns: list[Campaign] = []
    abbreviations = {
        APP_PUSH: "apush",
        WEB_PUSH: "wpush",
        EMAIL: "email",
        SMS: "sms",
        KAKAO: "kakao",
        IN_APP: "inapp",
    }
    themes = (
        "flash_sale",
        "new_arrivals",
        "back_in_stock",
        "weekend_deal",
        "price_drop",
        "loyalty_points",
        "holiday_gifts",
        "free_shipping",
    )
    blasts = {
        APP_PUSH: max(3, days // 4),
        WEB_PUSH: max(2, days // 6),
        EMAIL: max(2, days // 6),
        SMS: max(1, days // 10),
        KAKAO: max(1, days // 10),
    }
    latest_day = (
        days - HOLDOUT_WINDOW_DAYS - 1 if days > 2 * HOLDOUT_WINDOW_DAYS else days - 1
    )
    counters = dict.fromkeys(abbreviations, 0)

    def next_id(channel: int) -> str:
        counters[channel] += 1
        return f"cmp-{abbreviations[channel]}-{counters[channel]:03d}"

    for channel, count in blasts.items():
        for i in range(count):
            day = int(rng.integers(0, max(1, latest_day + 1)))
            hour = int(rng.integers(9, 21))
            send_at = (
                ctx.start + day * DAY + hour * 3600 + int(rng.integers(0, 60)) * 60
            )
            theme = themes[int(rng.integers(0, len(themes)))]
            campaigns.append(
                Campaign(
                    campaign_id=next_id(channel),
                    channel=CHANNELS[channel],
                    name=f"{CHANNELS[channel]}_{theme}_{i + 1}",
                    kind="blast",
                    started_at=send_at - int(rng.integers(1, 5)) * DAY,
                    send_at=send_at,
                    audience=float(rng.uniform(0.2, 0.4)),
                )
            )
    triggered = (
        (APP_PUSH, "cart_abandonment_push", 0.35),
        (EMAIL, "welcome_series_email", 0.15),
        (EMAIL, "browse_abandonment_email", 0.3),
        (KAKAO, "winback_kakao", 0.4),
        (WEB_PUSH, "price_alert_web_push", 0.5),
    )
    for channel, name, rate in triggered:
        campaigns.append(
            Campaign(
                campaign_id=next_id(channel),
                channel=CHANNELS[channel],
                name=name,
                kind="triggered",
                started_at=ctx.start - int(rng.integers(30, 400)) * DAY,
                audience=rate,
            )
        )
    for name in ("welcome_coupon_in_app", "cart_reminder_in_app", "rate_us_in_app"):
        campaigns.append(
            Campaign(
                campaign_id=next_id(IN_APP),
                channel="in_app",
                name=name,
                kind="in_app",
                started_at=ctx.start - int(rng.integers(10, 200)) * DAY,
            )
        )
    # Conversion settings of the engagement platform.
    for campaign in campaigns:
        draw = rng.random()
        campaign.tracking = "true" if draw < 0.8 else ("false" if draw < 0.9 else "")
        draw = rng.random()
        if draw < 0.25:
            campaign.conversion_events = "coupon_issued"
        elif draw < 0.4:
            campaign.conversion_events = "coupon_issued|sign_up"
        elif draw < 0.45:
            campaign.conversion_events = "subscribe"
    for campaign in campaigns:  # holdout campaigns always track purchases
        if is_holdout(campaign.campaign_id):
            campaign.tracking = "true"
    for i, (family, cost_channel, name, daily) in enumerate(PAID_CAMPAIGNS):
        campaigns.append(
            Campaign(
                campaign_id=f"cmp-paid-{i + 1:03d}",
                channel=cost_channel,
                name=name,
                kind="paid",
                started_at=ctx.start - int(rng.integers(5, 90)) * DAY,
                family=family,
                cost_channel=cost_channel,
                daily_cost=daily,
            )
        )
    return campaigns


def write_campaigns(world: World) -> None:
    rng = world.ctx.rng
    campaigns = world.campaigns
    n = len(campaigns)
    frame: Frame = {
        "key": np.arange(n, dtype=np.int64),
        "at": np.array([c.started_at for c in campaigns], dtype=np.int64),
    }
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "campaigns", frame, None, "key")
    key = frame["key"]
    ids = [c.campaign_id for c in campaigns]
    ids += [f"cmp-invalid-{i + 1:03d}" for i in range(int(key.max()) + 1 - n)]
    known = np.minimum(key, n - 1)

    def field_text(values: list[str]) -> pa.Array:
        codes = np.where(np.array([v == "" for v in values])[known], -1, known)
        return vocab_text(codes, values)

    columns = {
        "campaign_id": vocab_text(key, ids),
        "channel": field_text([_listed_channel(c.channel) for c in campaigns]),
        "campaign_name": field_text([c.name for c in campaigns]),
        "started_at": timestamp_text(frame["at"], frame["ts_style"]),
        "purchase_conversion_tracking": field_text([c.tracking for c in campaigns]),
        "conversion_events": field_text([c.conversion_events for c in campaigns]),
    }
    world.writer.write("campaigns", columns, defect, stats)


def _listed_channel(channel: str) -> str:
    """The channel of a campaigns row: the contract may list only message
    channels there, so a paid campaign's channel is then left empty."""
    allowed = not CAMPAIGN_CHANNELS or channel in CAMPAIGN_CHANNELS
    return channel if allowed else ""


def write_costs(world: World) -> None:
    ctx, rng = world.ctx, world.ctx.rng
    paid = [i for i, c in enumerate(world.campaigns) if c.kind == "paid"]
    channel_names = COST_CHANNELS
    first_day = ctx.start // DAY
    day = np.repeat(first_day + np.arange(ctx.days), len(paid) + 3)
    slot = np.tile(np.arange(len(paid) + 3), ctx.days)
    campaign = np.where(slot < len(paid), np.asarray(paid + [0, 0, 0])[slot], -1)
    flat = np.array([channel_names.index(c) for c in ("sms", "kakao", "email")])
    channel = np.where(
        slot < len(paid),
        np.array(
            [channel_names.index(world.campaigns[i].cost_channel) for i in paid]
            + [0, 0, 0]
        )[slot],
        flat[np.maximum(slot - len(paid), 0)],
    )
    daily = np.array(
        [world.campaigns[i].daily_cost for i in paid] + [35.0, 22.0, 12.0]
    )[slot]
    cost = np.round(daily * rng.uniform(0.7, 1.3, len(day)) * 100).astype(np.int64)
    # One paid-social campaign is bought in EUR; a few rows say `usd`.
    eur = np.array([i == paid[3] for i in campaign])
    currency = np.where(eur, EUR, np.where(rng.random(len(day)) < 0.05, -1, USD))
    frame: Frame = {
        "day": day,
        "channel": channel.astype(np.int64),
        "campaign": campaign,
        "cost": np.where(eur, np.round(cost / FX_BASE["EUR"]).astype(np.int64), cost),
        "currency": currency,
    }
    n = len(day)
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "costs", frame, None, None)
    columns = {
        "cost_date": date_text(frame["day"]),
        "channel": enum_text(frame["channel"], channel_names, frame["style"]),
        "campaign_id": vocab_text(frame["campaign"], world.campaign_ids),
        "cost": amount_text(frame["cost"], np.full(len(frame["cost"]), 2)),
        "currency": currency_text(frame["currency"], frame["style"]),
    }
    world.writer.write("costs", columns, defect, stats)
