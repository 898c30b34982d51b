"""Synthetic raw data for the assisted-conversions warehouse (CONTRACT.md 1).

`generate()` simulates persons with personas (app user, web-only, cross-device,
store shopper, dormant) over `days` days: message campaigns (push, in-app,
email, SMS, KakaoTalk) with their funnels and holdouts, app and web sessions
with logins, purchases recorded up to three times (orders, app, web), store
and call-centre orders, identity links, consents, costs and exchange rates.
It then adds the mess the warehouse must survive: exact duplicates,
conflicting duplicates, mixed-case and padded enum values, timestamps with
offsets, and contract-breaking rows of every reason of CONTRACT 1. Every
injected row is counted in `generator_manifest.json`.

Everything is vectorised: typed numpy columns are simulated, then rendered to
Arrow string arrays straight from byte matrices and written with pyarrow.
The same arguments give byte-identical files.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

DEFAULT_END_DATE = date(2026, 11, 1)
FORMATS = ("csv", "parquet")
MANIFEST_NAME = "generator_manifest.json"
MANIFEST_VERSION = 1


def _words(names: str) -> tuple[str, ...]:
    return tuple(names.split())


# The raw tables of CONTRACT 1 with every column, in contract order.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "message_events": _words(
        "event_id event_at channel event_type campaign_id message_id "
        "device_id anonymous_id user_id email_hash platform"
    ),
    "app_events": _words(
        "event_id event_at event_name device_id user_id session_id platform "
        "campaign_source campaign_medium campaign_name push_message_id "
        "order_id revenue currency"
    ),
    "web_events": _words(
        "event_id event_at event_name anonymous_id user_id session_id "
        "page_url referrer_url utm_source utm_medium utm_campaign click_id "
        "order_id revenue currency"
    ),
    "orders": _words(
        "order_id ordered_at user_id email_hash device_id anonymous_id "
        "sales_channel revenue currency status"
    ),
    "identity_links": _words("id_type_a id_a id_type_b id_b linked_at source"),
    "consents": _words("id_type id purpose granted updated_at"),
    "campaigns": _words(
        "campaign_id channel campaign_name started_at "
        "purchase_conversion_tracking conversion_events"
    ),
    "holdout_assignments": _words("campaign_id user_id assignment assigned_at"),
    "costs": _words("cost_date channel campaign_id cost currency"),
    "fx_rates": _words("rate_date currency rate_to_reporting"),
}
TABLES = tuple(TABLE_COLUMNS)

# The reasons of CONTRACT 1, in the order the warehouse checks them.
BAD_ROW_REASONS = (
    "missing_required",
    "unparseable",
    "unknown_enum",
    "timestamp_out_of_range",
    "negative_revenue",
    "unknown_currency",
    "no_identifier",
)

# Contract-breaking rows: per table, (variant, reason, {column: raw text}) where
# None is an empty cell. Each variant changes one valid row in one way, so the
# first reason the warehouse finds is the variant's reason.
_NO_IDS: dict[str, str | None] = dict.fromkeys(
    ("user_id", "email_hash", "device_id", "anonymous_id")
)
BadVariant = tuple[str, str, dict[str, str | None]]


def _bad(variant: str, reason: str, **raw: str | None) -> BadVariant:
    return (variant, reason, raw)


DEFECTS: dict[str, tuple[BadVariant, ...]] = {
    "message_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_channel", "missing_required", channel="   "),
        _bad("missing_event_type", "missing_required", event_type=None),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("slashed_event_at", "unparseable", event_at="2026/10/01 10:00"),
        _bad("unknown_channel", "unknown_enum", channel="carrier_pigeon"),
        _bad("unknown_event_type", "unknown_enum", event_type="poke"),
        _bad("unknown_platform", "unknown_enum", platform="windows"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-12-31T23:59:59"),
        _bad(
            "event_at_2100", "timestamp_out_of_range", event_at="2100-01-01T00:00:00Z"
        ),
        _bad("no_identifier", "no_identifier", **_NO_IDS),
    ),
    "app_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_event_name", "missing_required", event_name=" "),
        _bad("missing_device_id", "missing_required", device_id=None),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-06-30T12:00:00"),
        _bad("event_at_2100", "timestamp_out_of_range", event_at="2100-01-01T00:00:00"),
        _bad("negative_revenue", "negative_revenue", revenue="-19.99"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "web_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_event_name", "missing_required", event_name=None),
        _bad("missing_anonymous_id", "missing_required", anonymous_id="  "),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-01-01T00:00:00"),
        _bad("event_at_2100", "timestamp_out_of_range", event_at="2100-06-30T08:00:00"),
        _bad("negative_revenue", "negative_revenue", revenue="-5.00"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "orders": (
        _bad("missing_order_id", "missing_required", order_id=None),
        _bad("missing_ordered_at", "missing_required", ordered_at=None),
        _bad("missing_sales_channel", "missing_required", sales_channel=None),
        _bad("missing_revenue", "missing_required", revenue=None),
        _bad("missing_status", "missing_required", status=" "),
        _bad("bad_ordered_at", "unparseable", ordered_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("unknown_sales_channel", "unknown_enum", sales_channel="kiosk"),
        _bad("unknown_status", "unknown_enum", status="lost"),
        _bad(
            "ordered_at_1999",
            "timestamp_out_of_range",
            ordered_at="1999-12-31T23:00:00",
        ),
        _bad(
            "ordered_at_2100",
            "timestamp_out_of_range",
            ordered_at="2100-01-01T00:00:00",
        ),
        _bad("negative_revenue", "negative_revenue", revenue="-25.00"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
        _bad("no_identifier", "no_identifier", **_NO_IDS),
    ),
    "identity_links": (
        _bad("missing_id_type_a", "missing_required", id_type_a=None),
        _bad("missing_id_a", "missing_required", id_a=None),
        _bad("missing_id_type_b", "missing_required", id_type_b=None),
        _bad("missing_id_b", "missing_required", id_b=" "),
        _bad("bad_linked_at", "unparseable", linked_at="not-a-date"),
        _bad("unknown_id_type", "unknown_enum", id_type_b="phone", id_b="+15550100"),
        _bad(
            "linked_at_1999", "timestamp_out_of_range", linked_at="1999-12-31T00:00:00"
        ),
        _bad(
            "linked_at_2100", "timestamp_out_of_range", linked_at="2100-01-01T00:00:00"
        ),
    ),
    "consents": (
        _bad("missing_id_type", "missing_required", id_type=None),
        _bad("missing_id", "missing_required", id=None),
        _bad("missing_purpose", "missing_required", purpose=None),
        _bad("missing_granted", "missing_required", granted=None),
        _bad("missing_updated_at", "missing_required", updated_at=None),
        _bad("bad_granted", "unparseable", granted="maybe"),
        _bad("bad_updated_at", "unparseable", updated_at="not-a-date"),
        _bad("unknown_id_type", "unknown_enum", id_type="phone"),
        _bad("unknown_purpose", "unknown_enum", purpose="ads"),
        _bad(
            "updated_at_1999",
            "timestamp_out_of_range",
            updated_at="1999-12-31T00:00:00",
        ),
        _bad(
            "updated_at_2100",
            "timestamp_out_of_range",
            updated_at="2100-01-01T00:00:00",
        ),
    ),
    "campaigns": (
        _bad("missing_campaign_id", "missing_required", campaign_id=None),
        _bad("bad_started_at", "unparseable", started_at="not-a-date"),
        _bad("bad_tracking", "unparseable", purchase_conversion_tracking="maybe"),
        _bad(
            "started_at_1999",
            "timestamp_out_of_range",
            started_at="1999-12-31T00:00:00",
        ),
        _bad(
            "started_at_2100",
            "timestamp_out_of_range",
            started_at="2100-01-01T00:00:00",
        ),
    ),
    "holdout_assignments": (
        _bad("missing_campaign_id", "missing_required", campaign_id=None),
        _bad("missing_user_id", "missing_required", user_id=None),
        _bad("missing_assignment", "missing_required", assignment=None),
        _bad("missing_assigned_at", "missing_required", assigned_at=None),
        _bad("bad_assigned_at", "unparseable", assigned_at="not-a-date"),
        _bad("unknown_assignment", "unknown_enum", assignment="maybe"),
        _bad(
            "assigned_at_1999",
            "timestamp_out_of_range",
            assigned_at="1999-12-31T00:00:00",
        ),
        _bad(
            "assigned_at_2100",
            "timestamp_out_of_range",
            assigned_at="2100-01-01T00:00:00",
        ),
    ),
    "costs": (
        _bad("missing_cost_date", "missing_required", cost_date=None),
        _bad("missing_channel", "missing_required", channel=None),
        _bad("missing_cost", "missing_required", cost=None),
        _bad("bad_cost", "unparseable", cost="n/a"),
        _bad("bad_cost_date", "unparseable", cost_date="2026-13-45"),
        _bad("unknown_channel", "unknown_enum", channel="carrier_pigeon"),
        _bad("google_ads_channel", "unknown_enum", channel="google_ads"),
        _bad("cost_date_1999", "timestamp_out_of_range", cost_date="1999-12-31"),
        _bad("cost_date_2100", "timestamp_out_of_range", cost_date="2100-01-01"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "fx_rates": (
        _bad("missing_rate_date", "missing_required", rate_date=None),
        _bad("missing_currency", "missing_required", currency=None),
        _bad("missing_rate", "missing_required", rate_to_reporting=None),
        _bad("bad_rate", "unparseable", rate_to_reporting="abc"),
        _bad("bad_rate_date", "unparseable", rate_date="not-a-date"),
        _bad("rate_date_1999", "timestamp_out_of_range", rate_date="1999-12-31"),
        _bad("rate_date_2100", "timestamp_out_of_range", rate_date="2100-01-01"),
    ),
}

# How many bad rows of each variant at least (when bad_row_rate > 0).
MIN_BAD_ROWS_PER_VARIANT = 3
# Share of natural rows duplicated exactly, per table (event tables ~1%).
EXACT_DUPLICATE_SHARE = {
    "message_events": 0.01,
    "app_events": 0.01,
    "web_events": 0.01,
    "orders": 0.005,
    "identity_links": 0.002,
    "consents": 0.002,
    "campaigns": 0.02,
    "holdout_assignments": 0.002,
    "costs": 0.01,
    "fx_rates": 0.02,
}
# Share of natural rows given a conflicting duplicate (same key, later
# timestamp, other content); only tables whose key is an id.
CONFLICT_SHARE = {
    "message_events": 0.0005,
    "app_events": 0.0005,
    "web_events": 0.0005,
    "orders": 0.002,
}
MIN_CONFLICTS = 3

# --- Holdout experiments: the hook for causal lift ---------------------------
# Push campaigns with a holdout and their true effect: the extra probability
# that a treatment user purchases within HOLDOUT_WINDOW_DAYS after assignment
# (control users are not sent the campaign). Change the effects here to
# simulate another lift; the manifest records the realised rates per group.
HOLDOUT_TRUE_LIFT: dict[str, float] = {
    "cmp-apush-001": 0.05,
    "cmp-apush-002": 0.02,
    "cmp-apush-003": 0.0,
}
HOLDOUT_CONTROL_SHARE = 0.10
HOLDOUT_WINDOW_DAYS = 7


def holdout_extra_purchase_probability(campaign_id: str) -> float:
    """The true causal effect of a holdout campaign on a treatment user."""
    return HOLDOUT_TRUE_LIFT.get(campaign_id, 0.0)


# --- Vocabularies --------------------------------------------------------------
DAY = 86_400
NEVER = np.int64(2**62)
CHANNELS = ("app_push", "web_push", "in_app", "email", "sms", "kakao")
APP_PUSH, WEB_PUSH, IN_APP, EMAIL, SMS, KAKAO = range(6)
EVENT_TYPES = _words("send delivery impression open click dismiss bounce opt_out")
SEND, DELIVERY, IMPRESSION, OPEN, CLICK, DISMISS, BOUNCE, OPT_OUT = range(8)
PLATFORMS = ("ios", "android", "web")
CURRENCIES = ("USD", "EUR", "KRW")
USD, EUR, KRW = range(3)
FX_BASE = {"EUR": 1.08, "KRW": 0.00073}
SALES_CHANNELS = ("app", "web", "store", "call_center")
STATUSES = ("completed", "refunded", "cancelled")
ID_TYPES = ("user_id", "email_hash", "device_id", "anonymous_id")
ID_USER, ID_EMAIL, ID_DEVICE, ID_ANON = range(4)
PURPOSES = ("analytics", "marketing")
ASSIGNMENTS = ("treatment", "control")

# Event names (app and web share one vocabulary).
EVENT_NAMES = _words(
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

SHOP = "https://shop.example.com"
CHECKOUT = "https://checkout.shop.example.com"
CATEGORY_PATHS = _words(
    "/c/shoes /c/bags /c/dresses /c/sale /c/new-in /c/accessories /c/men /c/kids"
)
N_PRODUCTS = 60
SEARCH_TERMS = ("sneakers", "red+dress", "tote+bag", "gift", "rain+jacket", "socks")
PAGES: tuple[str, ...] = (
    (f"{SHOP}/",)
    + tuple(SHOP + path for path in CATEGORY_PATHS)
    + tuple(f"{SHOP}/p/{10001 + i}" for i in range(N_PRODUCTS))
    + tuple(f"{SHOP}/search?q={term}" for term in SEARCH_TERMS)
    + (
        f"{SHOP}/cart",
        f"{CHECKOUT}/",
        f"{CHECKOUT}/confirmation",
        f"{SHOP}/account/login",
        f"{SHOP}/account/register",
        f"{SHOP}/newsletter",
        f"{SHOP}/coupons",
    )
)
PAGE_HOME = 0
PAGE_CATEGORY = 1
PAGE_PRODUCT = 1 + len(CATEGORY_PATHS)
PAGE_SEARCH = PAGE_PRODUCT + N_PRODUCTS
(
    PAGE_CART,
    PAGE_CHECKOUT,
    PAGE_CONFIRMATION,
    PAGE_LOGIN,
    PAGE_REGISTER,
    PAGE_NEWSLETTER,
    PAGE_COUPONS,
) = range(PAGE_SEARCH + len(SEARCH_TERMS), len(PAGES))


@dataclass(frozen=True)
class Traffic:
    """Where a session comes from: referrer and/or UTM tags."""

    name: str
    weight: float
    referrer: str | None = None
    source: str | None = None
    medium: str | None = None
    campaign_key: str | None = None  # paid campaign family, or "message"
    click_id: str | None = None  # "gc" (gclid) or "fb" (fbclid)


# Organic web traffic (sessions not started by a message click).
WEB_TRAFFIC = (
    Traffic("direct", 24),
    Traffic("google", 16, "https://www.google.com/"),
    Traffic("bing", 3, "https://www.bing.com/"),
    Traffic("duckduckgo", 2, "https://duckduckgo.com/"),
    Traffic("naver", 1, "https://search.naver.com/search.naver?query=shop"),
    Traffic("facebook", 3, "https://l.facebook.com/"),
    Traffic("instagram", 2, "https://l.instagram.com/"),
    Traffic("t.co", 1, "https://t.co/"),
    Traffic("linkedin", 1, "https://www.linkedin.com/feed/"),
    Traffic("youtube", 2, "https://www.youtube.com/"),
    Traffic("amazon", 1, "https://www.amazon.com/"),
    Traffic("blog", 3, "https://blog.example.org/best-of-2026"),
    Traffic("deals", 2, "https://www.dealfinder.net/shop-example"),
    Traffic("self", 2, f"{SHOP}/"),
    Traffic("self_checkout", 1, f"{CHECKOUT}/"),
    Traffic("paypal", 1, "https://www.paypal.com/"),
    Traffic(
        "google_cpc", 9, "https://www.google.com/", "google", "cpc", "search", "gc"
    ),
    Traffic("bing_cpc", 2, "https://www.bing.com/", "bing", "cpc", "search_bing"),
    Traffic(
        "facebook_paid",
        4,
        "https://l.facebook.com/",
        "facebook",
        "paid_social",
        "social",
        "fb",
    ),
    Traffic("instagram_cpc", 2, None, "instagram", "cpc", "social_retargeting", "fb"),
    Traffic("display", 4, None, "criteo", "display", "display"),
    Traffic(
        "affiliate", 3, "https://www.couponsite.com/", "awin", "affiliate", "affiliate"
    ),
    Traffic("cross_network", 2, None, "google", "cpc", "cross_network", "gc"),
    Traffic(
        "paid_video", 1, "https://www.youtube.com/", "youtube", "cpv", "video", "gc"
    ),
    Traffic(
        "paid_shopping", 2, "https://www.google.com/", "google", "cpc", "shopping", "gc"
    ),
    Traffic("qr_code", 1, None, "qr_code", "offline"),
)
# Landing web visits of message clicks (besides bare visits, no utm/referrer).
MESSAGE_WEB_TRAFFIC: dict[int, tuple[Traffic, ...]] = {
    EMAIL: (Traffic("newsletter", 60, None, "newsletter", "email", "message"),),
    WEB_PUSH: (
        Traffic("webpush", 30, None, "webpush", "web_push", "message"),
        Traffic("onesignal", 20, None, "onesignal", "web-push", "message"),
    ),
    APP_PUSH: (
        Traffic("push_link", 35, None, "app", "push", "message"),
        Traffic("firebase_link", 35, None, "firebase", "mobile_push", "message"),
        Traffic("notification_link", 30, None, "shop_app", "notification", "message"),
    ),
    SMS: (Traffic("sms", 60, None, "sms", "sms", "message"),),
    KAKAO: (
        Traffic("kakao", 35, None, "kakao", "kakao", "message"),
        Traffic("kakaotalk", 25, None, "kakaotalk", "kakao", "message"),
    ),
}
BARE_SHARE = {EMAIL: 0.40, WEB_PUSH: 0.50, APP_PUSH: 0.0, SMS: 0.40, KAKAO: 0.40}
# Organic app sessions: deep links with campaign parameters.
APP_TRAFFIC = (
    Traffic("none", 85),
    Traffic("google_app", 5, None, "google", "cpc", "search"),
    Traffic("facebook_app", 4, None, "facebook", "paid_social", "social"),
    Traffic("partner_app", 3, None, "partner_blog", "referral"),
    Traffic("qr_app", 1, None, "qr", "offline"),
    Traffic("instagram_app", 2, None, "instagram", "cpc", "social_retargeting"),
)
APP_MESSAGE_TRAFFIC = {
    APP_PUSH: Traffic("firebase", 1, None, "firebase", "push", "message"),
    EMAIL: Traffic("newsletter", 1, None, "newsletter", "email", "message"),
    SMS: Traffic("sms", 1, None, "sms", "sms", "message"),
    KAKAO: Traffic("kakao", 1, None, "kakao", "kakao", "message"),
    WEB_PUSH: Traffic("webpush", 1, None, "webpush", "web_push", "message"),
}

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


# --- Personas ----------------------------------------------------------------
# app_user, web_only, cross_device, store_shopper, dormant (mostly messages).
PERSONA_SHARE = (0.22, 0.28, 0.25, 0.10, 0.15)
P_KNOWN = np.array([0.85, 0.35, 0.95, 1.0, 0.60])  # has a user_id (logs in)
P_APP = np.array([1.0, 0.0, 1.0, 0.5, 0.3])
P_WEB = np.array([0.12, 1.0, 1.0, 0.6, 0.6])
APP_SESSIONS_30D = np.array([3.3, 0.0, 2.0, 1.0, 0.4])  # per app person
WEB_SESSIONS_30D = np.array([1.0, 2.4, 1.7, 1.0, 0.4])  # per web person
STORE_ORDERS_30D = np.array([0.05, 0.0, 0.08, 1.4, 0.03])  # per known person


# =============================================================================
# Text rendering: Arrow string arrays built from byte matrices
# =============================================================================


def _arrow_strings(
    n: int, matrix: np.ndarray, rows: np.ndarray | None = None
) -> pa.Array:
    """Arrow strings of n rows: row `rows[i]` is the bytes of `matrix[i]`, the
    other rows are null (`rows` None: every row, in order). Zero-copy when the
    matrix is contiguous."""
    k, width = matrix.shape
    data = np.ascontiguousarray(matrix).reshape(-1)
    if rows is None:
        lengths = np.full(n, width, dtype=np.int64)
        validity, nulls = None, 0
    else:
        lengths = np.zeros(n, dtype=np.int64)
        lengths[rows] = width
        valid = np.zeros(n, dtype=bool)
        valid[rows] = True
        nulls = n - k
        validity = (
            pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
        )
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    if offsets[-1] < 2**31 - 1:
        kind, offsets = pa.string(), offsets.astype(np.int32)
    else:
        kind = pa.large_string()
    return pa.Array.from_buffers(
        kind, n, [validity, pa.py_buffer(offsets), pa.py_buffer(data)], null_count=nulls
    )


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """(width, k) uint8 ASCII digits of non-negative integers, zero-padded."""
    out = np.empty((width, len(values)), dtype=np.uint8)
    small = len(values) == 0 or int(values.max()) < 2**32
    rest = values.astype(np.uint32 if small else np.uint64)  # uint32 divides faster
    quotient = np.empty_like(rest)
    remainder = np.empty_like(rest)
    for position in range(width - 1, -1, -1):
        np.floor_divide(rest, 10, out=quotient)
        np.multiply(quotient, 10, out=remainder)
        np.subtract(rest, remainder, out=remainder)
        np.add(remainder, 48, out=out[position], casting="unsafe")
        rest, quotient = quotient, rest
    return out


def _width(values: np.ndarray, minimum: int) -> int:
    top = int(values.max()) if len(values) else 0
    return max(minimum, len(str(top)))


def _id_text(prefix: str, values: np.ndarray, width: int) -> pa.Array:
    """`prefix` + zero-padded number; negative values are null."""
    n = len(values)
    rows = np.flatnonzero(values >= 0)
    every = len(rows) == n
    picked = values if every else values[rows]
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    block = np.empty((len(head) + width, len(picked)), dtype=np.uint8)
    block[: len(head)] = head[:, None]
    block[len(head) :] = _digits(picked, width)
    return _arrow_strings(n, np.ascontiguousarray(block.T), None if every else rows)


_TIME_OF_DAY: np.ndarray | None = None
TS_OFFSETS = np.array([0, 0, 7200, 32400, -18000], dtype=np.int64)
TS_SUFFIXES = ("", "Z", "+02:00", "+09:00", "-05:00")


def _time_of_day() -> np.ndarray:
    """(86400, 8) uint8: `HH:MM:SS` of every second of a day."""
    global _TIME_OF_DAY
    if _TIME_OF_DAY is None:
        seconds = np.arange(DAY)
        table = np.empty((DAY, 8), dtype=np.uint8)
        for start, value in (
            (0, seconds // 3600),
            (3, seconds // 60 % 60),
            (6, seconds % 60),
        ):
            table[:, start] = value // 10 + 48
            table[:, start + 1] = value % 10 + 48
        table[:, 2] = table[:, 5] = ord(":")
        _TIME_OF_DAY = table
    return _TIME_OF_DAY


def _date_table(first_day: int, count: int) -> np.ndarray:
    """(count, 10) uint8: `YYYY-MM-DD` of consecutive days since the epoch."""
    origin = date(1970, 1, 1)
    text = "".join(
        (origin + timedelta(days=first_day + i)).isoformat() for i in range(count)
    )
    return np.frombuffer(text.encode(), dtype=np.uint8).reshape(count, 10)


def _timestamp_text(seconds: np.ndarray, style: np.ndarray | None = None) -> pa.Array:
    """ISO 8601 text of epoch seconds: plain UTC, or `Z` / an offset by style.

    Each row is four little-endian 64-bit words OR-ed together from lookup
    tables (date, time of day, suffix), padded with spaces that Arrow trims.
    """
    n = len(seconds)
    if n == 0:
        return pa.array([], type=pa.string())
    if style is None:
        style = np.zeros(n, dtype=np.int8)
    local = seconds + TS_OFFSETS[style]
    days = local // DAY
    first = int(days.min())
    count = int(days.max()) - first + 1
    dates = np.zeros((count, 16), dtype=np.uint8)
    dates[:, :10] = _date_table(first, count)
    dates[:, 10] = ord("T")
    clock = np.zeros((DAY, 16), dtype=np.uint8)
    clock[:, 3:11] = _time_of_day()
    suffixes = np.zeros((len(TS_SUFFIXES), 16), dtype=np.uint8)
    suffixes[:, 3:] = ord(" ")
    for index, suffix in enumerate(TS_SUFFIXES):
        suffixes[index, 3 : 3 + len(suffix)] = np.frombuffer(suffix.encode(), np.uint8)
    date_words = dates.view(np.uint64)
    clock_words = clock.view(np.uint64)
    suffix_words = suffixes.view(np.uint64)
    day_index = days - first
    second = local - days * DAY
    words = np.empty((n, 4), dtype=np.uint64)
    words[:, 0] = np.ascontiguousarray(date_words[:, 0])[day_index]
    words[:, 1] = np.ascontiguousarray(date_words[:, 1])[day_index]
    words[:, 1] |= np.ascontiguousarray(clock_words[:, 0])[second]
    words[:, 2] = np.ascontiguousarray(clock_words[:, 1])[second]
    words[:, 2] |= np.ascontiguousarray(suffix_words[:, 0])[style]
    words[:, 3] = np.ascontiguousarray(suffix_words[:, 1])[style]
    text = words.view(np.uint8).reshape(n, 32)
    # Most rows are plain `YYYY-MM-DDTHH:MM:SS`; the others are trimmed apart.
    plain = _arrow_strings(n, np.ascontiguousarray(text[:, :19]))
    styled = np.flatnonzero(style > 0)
    if len(styled) == 0:
        return plain
    suffixed = pc.ascii_rtrim_whitespace(_arrow_strings(len(styled), text[styled]))
    mask = np.zeros(n, dtype=bool)
    mask[styled] = True
    return pc.replace_with_mask(plain, pa.array(mask), suffixed)


def _date_text(days: np.ndarray) -> pa.Array:
    if len(days) == 0:
        return pa.array([], type=pa.string())
    first = int(days.min())
    table = _date_table(first, int(days.max()) - first + 1)
    return _arrow_strings(len(days), table[days - first])


def _amount_text(minor: np.ndarray, decimals: np.ndarray) -> pa.Array:
    """Amounts in minor units (cents; won when decimals is 0); negative is null."""
    n = len(minor)
    rows = np.flatnonzero(minor >= 0)
    value, places = minor[rows], decimals[rows]
    whole = np.where(places == 2, value // 100, value)
    width = _width(whole, 1)
    matrix = np.empty((len(rows), width + 3), dtype=np.uint8)
    digits = _digits(whole, width).T
    # Leading zeros become spaces (trimmed below), except the units digit.
    digits[:, :-1][np.cumsum(digits[:, :-1] != ord("0"), axis=1) == 0] = ord(" ")
    matrix[:, :width] = digits
    matrix[:, width] = ord(".")
    matrix[:, width + 1 :] = _digits(value % 100, 2).T
    matrix[places != 2, width:] = ord(" ")
    padded = _arrow_strings(n, matrix, rows if len(rows) < n else None)
    return pc.ascii_trim_whitespace(padded)


def _styled(value: str, style: int) -> str:
    """A valid spelling of an enum value: as is, Title_Case, UPPER or padded."""
    title = "_".join(part[:1].upper() + part[1:] for part in value.split("_"))
    return (value, title, value.upper(), f" {value} ", f" {title}")[style]


N_STYLES = 5
STYLE_SHARE = (0.94, 0.02, 0.015, 0.015, 0.01)


def _vocab_text(codes: np.ndarray, vocabulary: Sequence[str]) -> pa.Array:
    """Dictionary-encoded strings; negative codes are null.

    The dictionary holds each text once and null slots point at entry 0: the
    Parquet writer reads indices under nulls and remaps duplicate entries, and
    either made its output differ from run to run."""
    distinct: dict[str, int] = {}
    remap = np.array(
        [distinct.setdefault(text, len(distinct)) for text in vocabulary] or [0],
        dtype=np.int32,
    )
    null = codes < 0
    indices = np.where(null, 0, remap[np.where(null, 0, codes)]).astype(np.int32)
    return pa.DictionaryArray.from_arrays(
        pa.array(indices, mask=null if null.any() else None),
        pa.array(list(distinct) or [""], pa.string()),
    )


def _enum_text(codes: np.ndarray, values: Sequence[str], style: np.ndarray) -> pa.Array:
    """Enum values spelled by the row's style (mixed case, padding)."""
    vocabulary = [_styled(value, s) for value in values for s in range(N_STYLES)]
    combined = np.where(codes < 0, -1, codes.astype(np.int64) * N_STYLES + style)
    return _vocab_text(combined, vocabulary)


def _currency_text(codes: np.ndarray, style: np.ndarray) -> pa.Array:
    """Currency codes, mostly upper-case, sometimes `usd` or padded."""
    spelled = [
        (c, c.lower(), c, f" {c} ", f" {c.lower()}") for c in CURRENCIES
    ]  # by style
    vocabulary = [text for row in spelled for text in row]
    combined = np.where(codes < 0, -1, codes.astype(np.int64) * N_STYLES + style)
    return _vocab_text(combined, vocabulary)


# =============================================================================
# Random helpers
# =============================================================================


def _choice(rng: np.random.Generator, n: int, weights: Sequence[float]) -> np.ndarray:
    """n draws of indices with the given weights (int64)."""
    cumulative = np.cumsum(np.asarray(weights, dtype=np.float64))
    draws = rng.random(n) * cumulative[-1]
    return np.minimum(
        np.searchsorted(cumulative, draws, side="right"), len(weights) - 1
    )


HOUR_WEIGHTS = (
    1,
    0.6,
    0.4,
    0.3,
    0.3,
    0.5,
    1,
    2,
    3,
    3.5,
    4,
    4,
    4.5,
    4.5,
    4,
    4,
    4.2,
    4.5,
    5,
    6,
    6.5,
    6,
    4.5,
    2.5,
)


def _random_times(
    rng: np.random.Generator, n: int, start: int, days: int
) -> np.ndarray:
    """n instants in `days` days from `start`, with a daily rhythm."""
    day = rng.integers(0, days, n)
    hour = _choice(rng, n, HOUR_WEIGHTS)
    return start + day * DAY + hour * 3600 + rng.integers(0, 3600, n)


def _pick_within(
    rng: np.random.Generator, first: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """A uniform index in [first, first + count) per row (count > 0)."""
    return first + (rng.random(len(first)) * count).astype(np.int64)


def _first_per_group(groups: np.ndarray) -> np.ndarray:
    """Positions of the first row of each run of equal values (sorted input)."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.ones(len(groups), dtype=bool)
    change[1:] = groups[1:] != groups[:-1]
    return np.flatnonzero(change)


Frame = dict[str, np.ndarray]


def _take(frame: Frame, index: np.ndarray) -> Frame:
    return {name: column[index] for name, column in frame.items()}


def _concat(frames: Sequence[Frame]) -> Frame:
    names = list(frames[0])
    return {name: np.concatenate([f[name] for f in frames]) for name in names}


def _frame_len(frame: Frame) -> int:
    return len(next(iter(frame.values())))


def _interleave(frame: Frame, extra: Frame, position: np.ndarray) -> Frame:
    """`frame` with the rows of `extra` inserted before the rows at `position`
    (as numpy.insert does; extras at one position keep their order)."""
    n, m = _frame_len(frame), len(position)
    order = np.argsort(position, kind="stable")
    extra_slot = np.empty(m, dtype=np.int64)
    extra_slot[order] = position[order] + np.arange(m)
    before = np.cumsum(np.bincount(position, minlength=n + 1))[:n]
    natural_slot = np.arange(n) + before
    merged: Frame = {}
    for name, column in frame.items():
        out = np.empty(n + m, dtype=column.dtype)
        out[natural_slot] = column
        out[extra_slot] = extra[name]
        merged[name] = out
    return merged


# =============================================================================
# The simulation
# =============================================================================


@dataclass
class Context:
    rng: np.random.Generator
    start: int  # first second of the period (epoch seconds, UTC)
    stop: int  # first second after the period
    days: int
    scale: float  # days / 30

    def times(self, n: int) -> np.ndarray:
        return _random_times(self.rng, n, self.start, self.days)


@dataclass
class People:
    n: int
    persona: np.ndarray
    known: np.ndarray
    user_num: np.ndarray  # -1 when the person never logs in
    currency: np.ndarray
    dev_first: np.ndarray
    dev_count: np.ndarray
    device_person: np.ndarray
    device_num: np.ndarray
    device_platform: np.ndarray
    anon_first: np.ndarray
    anon_count: np.ndarray
    anon_person: np.ndarray
    anon_num: np.ndarray
    web_login: np.ndarray  # epoch seconds of the first web login; NEVER; 0 = before
    app_login: np.ndarray
    login_in_window_web: np.ndarray
    login_in_window_app: np.ndarray
    new_account: np.ndarray
    optin: dict[int, np.ndarray]
    emails: np.ndarray  # (n, 64) uint8 lowercase hex SHA-256 of the email
    shared_devices: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    shared_users: list[np.ndarray] = field(default_factory=list)


def _email_hashes(n: int, domain: np.ndarray) -> np.ndarray:
    """(n, 64) hex SHA-256 of each person's lower-cased email, via DuckDB."""
    connection = duckdb.connect()
    try:
        persons = pa.table({"person": np.arange(n), "domain": domain.astype(np.int32)})
        connection.register("persons", persons)
        hashes = connection.sql(
            "select sha256(lower(trim("
            "'  Customer.' || person || '@' || "
            "list_extract(['example.com', 'Mail.example.net', 'inbox.example.kr'],"
            " domain + 1) || ' '))) as h from persons order by person"
        ).to_arrow_table()
    finally:
        connection.close()
    column = hashes.column("h").combine_chunks()
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)
    data = np.frombuffer(column.buffers()[2], dtype=np.uint8)
    first = offsets[column.offset]
    return data[first : first + 64 * n].reshape(n, 64)


def _people(ctx: Context, n: int) -> People:
    rng = ctx.rng
    persona = _choice(rng, n, PERSONA_SHARE).astype(np.int8)
    known = rng.random(n) < P_KNOWN[persona]
    has_app = rng.random(n) < P_APP[persona]
    has_web = rng.random(n) < P_WEB[persona]
    nothing = ~has_app & ~has_web
    has_web |= nothing  # everyone can at least be seen on the web
    user_num = np.full(n, -1, dtype=np.int64)
    user_num[known] = rng.permutation(int(known.sum())) + 1
    currency = _choice(rng, n, (0.85, 0.12, 0.03)).astype(np.int8)

    dev_count = np.where(has_app, 1 + (rng.random(n) < 0.2), 0).astype(np.int64)
    dev_first = np.cumsum(dev_count) - dev_count
    device_person = np.repeat(np.arange(n), dev_count)
    device_num = rng.permutation(len(device_person)) + 1
    device_platform = (rng.random(len(device_person)) < 0.55).astype(np.int8)

    anon_count = np.where(has_web, 1 + _choice(rng, n, (0.55, 0.30, 0.15)), 0)
    anon_first = np.cumsum(anon_count) - anon_count
    anon_person = np.repeat(np.arange(n), anon_count)
    anon_num = rng.permutation(len(anon_person)) + 1

    # Logins: most known persons are logged in from before the period; some log
    # in (or sign up) during it, at one of their sessions.
    web_in_window = known & has_web & (rng.random(n) < 0.45)
    app_in_window = known & has_app & (rng.random(n) < 0.15)
    web_login = np.where(known & has_web & ~web_in_window, 0, NEVER).astype(np.int64)
    app_login = np.where(known & has_app & ~app_in_window, 0, NEVER).astype(np.int64)
    new_account = (web_in_window | app_in_window) & (rng.random(n) < 0.5)

    optin = {
        APP_PUSH: has_app & (rng.random(n) < 0.75),
        WEB_PUSH: has_web & (rng.random(n) < 0.15),
        EMAIL: known & (rng.random(n) < 0.85),
        SMS: known & (rng.random(n) < 0.30),
        KAKAO: known & (rng.random(n) < np.where(currency == KRW, 0.8, 0.12)),
    }
    domain = _choice(rng, n, (0.6, 0.3, 0.1))
    return People(
        n=n,
        persona=persona,
        known=known,
        user_num=user_num,
        currency=currency,
        dev_first=dev_first,
        dev_count=dev_count,
        device_person=device_person,
        device_num=device_num,
        device_platform=device_platform,
        anon_first=anon_first,
        anon_count=anon_count,
        anon_person=anon_person,
        anon_num=anon_num,
        web_login=web_login,
        app_login=app_login,
        login_in_window_web=web_in_window,
        login_in_window_app=app_in_window,
        new_account=new_account,
        optin=optin,
        emails=_email_hashes(n, domain),
    )


def _add_shared_devices(ctx: Context, people: People) -> None:
    """Family tablets and store kiosks: devices used by 4-6 known users."""
    rng = ctx.rng
    candidates = np.flatnonzero(people.known & (people.dev_count > 0))
    wanted = max(3, people.n // 4000)
    sizes = rng.integers(4, 7, wanted)
    while sizes.sum() > len(candidates) and len(sizes):
        sizes = sizes[:-1]
    if len(sizes) == 0:
        return
    users = rng.choice(candidates, int(sizes.sum()), replace=False)
    first_new = len(people.device_person)
    shared = np.arange(first_new, first_new + len(sizes))
    people.device_person = np.concatenate(
        [people.device_person, np.full(len(sizes), -1)]
    )
    people.device_num = np.concatenate(
        [people.device_num, len(people.device_num) + 1 + np.arange(len(sizes))]
    )
    people.device_platform = np.concatenate(
        [people.device_platform, (rng.random(len(sizes)) < 0.5).astype(np.int8)]
    )
    people.shared_devices = shared
    bounds = np.cumsum(sizes)[:-1]
    people.shared_users = list(np.split(users, bounds))


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


def _campaigns(ctx: Context) -> list[Campaign]:
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
    for campaign_id in HOLDOUT_TRUE_LIFT:  # holdout campaigns always track purchases
        for campaign in campaigns:
            if campaign.campaign_id == campaign_id:
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


# --- Messages ----------------------------------------------------------------


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


@dataclass
class Holdout:
    campaign: int
    campaign_id: str
    person: np.ndarray
    control: np.ndarray
    assigned_at: np.ndarray


def _sends(
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
        if campaign.campaign_id in HOLDOUT_TRUE_LIFT:
            eligible = eligible & people.known
        if campaign.kind == "blast":
            audience = np.flatnonzero(
                eligible & (rng.random(people.n) < campaign.audience)
            )
            at = campaign.send_at + rng.integers(0, 900, len(audience))
            if campaign.campaign_id in HOLDOUT_TRUE_LIFT:
                control = rng.random(len(audience)) < HOLDOUT_CONTROL_SHARE
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
    device[is_push] = _pick_within(
        rng, people.dev_first[person[is_push]], people.dev_count[person[is_push]]
    )
    anon = np.full(len(person), -1, dtype=np.int64)
    is_web_push = channel == WEB_PUSH
    anon[is_web_push] = _pick_within(
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


def _funnel(ctx: Context, sends: Sends) -> MessageFunnel:
    """send -> delivery -> open/click (some) -> dismiss/bounce/opt_out (few)."""
    rng = ctx.rng
    n = len(sends.person)
    channel = sends.channel
    deliver_p = np.array([0.92, 0.90, 1.0, 0.96, 0.97, 0.95])[channel]
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
    open_p = np.array([0.09, 0.0, 0.0, 0.24, 0.0, 0.45])[channel]
    opened = delivered & (rng.random(n) < open_p)
    median_open = np.array([1200, 600, 60, 10800, 600, 3600])[channel]
    opened_at = (
        delivered_at + 1 + (rng.lognormal(0.0, 1.0, n) * median_open).astype(np.int64)
    )
    rows.append((np.flatnonzero(opened), OPEN, opened_at[opened]))
    # Clicks: web push and sms directly, email and kakao after an open.
    click_p = np.array([0.0, 0.06, 0.0, 0.18, 0.05, 0.12])[channel]
    clicked = np.where((channel == EMAIL) | (channel == KAKAO), opened, delivered) & (
        rng.random(n) < click_p
    )
    clicked_at = np.where(opened, opened_at, delivered_at) + _delay(rng, n, 40)
    rows.append((np.flatnonzero(clicked), CLICK, clicked_at[clicked]))
    engaged = opened | clicked
    dismiss_p = np.array([0.18, 0.25, 0.0, 0.0, 0.0, 0.05])[channel]
    dismissed = delivered & ~engaged & (rng.random(n) < dismiss_p)
    rows.append(
        (
            np.flatnonzero(dismissed),
            DISMISS,
            delivered_at[dismissed] + _delay(rng, int(dismissed.sum()), 300),
        )
    )
    opt_p = np.array([0.004, 0.006, 0.0, 0.003, 0.005, 0.003])[channel]
    opted = delivered & (rng.random(n) < opt_p)
    opted_at = np.where(opened, opened_at, delivered_at) + _delay(rng, n, 120)
    rows.append((np.flatnonzero(opted), OPT_OUT, opted_at[opted]))

    send_index = np.concatenate([r[0] for r in rows])
    event_type = np.concatenate([np.full(len(r[0]), r[1], dtype=np.int8) for r in rows])
    at = np.concatenate([r[2] for r in rows])
    inside = at < ctx.stop
    send_index, event_type, at = send_index[inside], event_type[inside], at[inside]

    is_touch = ((event_type == OPEN) & (channel[send_index] == APP_PUSH)) | (
        event_type == CLICK
    )
    events = {"send": send_index, "event_type": event_type, "at": at}
    return MessageFunnel(events, send_index[is_touch], at[is_touch])


# --- Sessions ----------------------------------------------------------------

APP, WEB = 0, 1
ORGANIC, LANDING, HOLDOUT_EXTRA, SHARED = range(4)


def _sessions_frame(
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


@dataclass
class TrafficBook:
    """Every traffic profile used by web (or app) sessions, by index."""

    profiles: list[Traffic]

    def add(self, traffics: Sequence[Traffic]) -> np.ndarray:
        start = len(self.profiles)
        self.profiles.extend(traffics)
        return np.arange(start, start + len(traffics))


def _organic_sessions(
    ctx: Context,
    people: People,
    campaigns: list[Campaign],
    web_book: TrafficBook,
    app_book: TrafficBook,
) -> list[Frame]:
    rng = ctx.rng
    frames = []
    app_rate = APP_SESSIONS_30D[people.persona] * ctx.scale * (people.dev_count > 0)
    count = rng.poisson(app_rate)
    person = np.repeat(np.arange(people.n), count)
    device = _pick_within(rng, people.dev_first[person], people.dev_count[person])
    codes = app_book.add(APP_TRAFFIC)[
        _choice(rng, len(person), [t.weight for t in APP_TRAFFIC])
    ]
    frames.append(
        _sessions_frame(
            person,
            APP,
            device,
            None,
            ctx.times(len(person)),
            ORGANIC,
            traffic=codes,
            campaign=_paid_campaign(rng, app_book, codes, campaigns),
        )
    )

    web_rate = WEB_SESSIONS_30D[people.persona] * ctx.scale * (people.anon_count > 0)
    count = rng.poisson(web_rate)
    person = np.repeat(np.arange(people.n), count)
    anon = _pick_within(rng, people.anon_first[person], people.anon_count[person])
    codes = web_book.add(WEB_TRAFFIC)[
        _choice(rng, len(person), [t.weight for t in WEB_TRAFFIC])
    ]
    frames.append(
        _sessions_frame(
            person,
            WEB,
            None,
            anon,
            ctx.times(len(person)),
            ORGANIC,
            traffic=codes,
            campaign=_paid_campaign(rng, web_book, codes, campaigns),
        )
    )

    # Shared devices: each user signs in on the family tablet / store kiosk.
    for device, users in zip(people.shared_devices, people.shared_users, strict=True):
        count = 1 + rng.poisson(1.5 * ctx.scale, len(users))
        person = np.repeat(users, count)
        frames.append(
            _sessions_frame(
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


def _paid_campaign(
    rng: np.random.Generator,
    book: TrafficBook,
    codes: np.ndarray,
    campaigns: list[Campaign],
) -> np.ndarray:
    """Campaign index of paid traffic (a random campaign of its family), else -1."""
    out = np.full(len(codes), -1, dtype=np.int64)
    for code in np.unique(codes):
        family = book.profiles[code].campaign_key
        if family is None or family == "message":
            continue
        members = [i for i, c in enumerate(campaigns) if c.family == family]
        rows = np.flatnonzero(codes == code)
        out[rows] = np.asarray(members)[rng.integers(0, len(members), len(rows))]
    return out


def _landing_sessions(
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

    # App push opens: the app opens with push_message_id (55%), or simply
    # starts within 0-30 minutes without it (30%); a few push links open the
    # mobile web instead (5%, when the person has a browser cookie).
    push = channel == APP_PUSH
    with_id = push & (draw < 0.55)
    frames.append(
        _sessions_frame(
            person[with_id],
            APP,
            sends.device[send][with_id],
            None,
            at[with_id] + rng.integers(1, 6, int(with_id.sum())),
            LANDING,
            campaign=campaign[with_id],
            push_message=message[with_id],
        )
    )
    later = push & (draw >= 0.55) & (draw < 0.85)
    tagged = rng.random(len(send)) < 0.3
    app_codes = app_book.add([APP_MESSAGE_TRAFFIC[APP_PUSH]])
    frames.append(
        _sessions_frame(
            person[later],
            APP,
            sends.device[send][later],
            None,
            at[later] + rng.integers(0, 1800, int(later.sum())),
            LANDING,
            traffic=np.where(tagged[later], app_codes[0], 0),
            campaign=campaign[later],
        )
    )
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
            _choice(rng, len(rows), [t.weight for t in traffics])
        ]
        bare = rng.random(len(rows)) < BARE_SHARE[ch]
        web_codes[rows] = np.where(bare, 0, codes)
    anon = np.where(
        sends.anon[send] >= 0,
        sends.anon[send],
        _pick_within(
            rng, people.anon_first[person], np.maximum(people.anon_count[person], 1)
        ),
    )
    frames.append(
        _sessions_frame(
            person[web],
            WEB,
            None,
            anon[web],
            at[web] + rng.integers(1, 240, int(web.sum())),
            LANDING,
            traffic=web_codes[web],
            campaign=campaign[web],
        )
    )
    app_codes_by_channel = np.zeros(len(CHANNELS), dtype=np.int64)
    for ch, traffic in APP_MESSAGE_TRAFFIC.items():
        app_codes_by_channel[ch] = app_book.add([traffic])[0]
    device = _pick_within(
        rng, people.dev_first[person], np.maximum(people.dev_count[person], 1)
    )
    frames.append(
        _sessions_frame(
            person[app],
            APP,
            device[app],
            None,
            at[app] + rng.integers(2, 120, int(app.sum())),
            LANDING,
            traffic=np.where(
                rng.random(int(app.sum())) < 0.7, app_codes_by_channel[channel[app]], 0
            ),
            campaign=campaign[app],
        )
    )
    return frames


def _holdout_sessions(
    ctx: Context, people: People, holdouts: list[Holdout]
) -> list[Frame]:
    """The causal lift: treatment users buy more in the window after assignment."""
    rng = ctx.rng
    frames = []
    for holdout in holdouts:
        lift = holdout_extra_purchase_probability(holdout.campaign_id)
        treated = holdout.person[~holdout.control]
        assigned = holdout.assigned_at[~holdout.control]
        buys = rng.random(len(treated)) < lift
        delay = np.minimum(
            rng.exponential(1.5 * DAY, len(treated)).astype(np.int64),
            HOLDOUT_WINDOW_DAYS * DAY - 3600,
        )
        start = assigned + 3600 + delay
        keep = buys & (start < ctx.stop - 3600)
        person = treated[keep]
        device = _pick_within(rng, people.dev_first[person], people.dev_count[person])
        frames.append(
            _sessions_frame(
                person,
                APP,
                device,
                None,
                start[keep],
                HOLDOUT_EXTRA,
                # Tags the purchase as caused by this campaign (for the
                # manifest's true_lift); extra sessions carry no traffic, so
                # the exported rows do not change.
                campaign=np.full(len(person), holdout.campaign, dtype=np.int64),
                forced_purchase=True,
            )
        )
    return frames


# --- Events ------------------------------------------------------------------


def _explode(ctx: Context, sessions: Frame, plan: Frame) -> Frame:
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
        _choice(rng, total, [w for _, w in APP_BROWSE])
    ]
    browse_web = np.array([EV[name] for name, _ in WEB_BROWSE])[
        _choice(rng, total, [w for _, w in WEB_BROWSE])
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


def _plan_sessions(ctx: Context, people: People, sessions: Frame) -> Frame:
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
        login[chosen[_first_per_group(person[chosen])]] = True
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


def _in_app_messages(
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
    events = {
        "send": np.concatenate([r[0] for r in rows]),
        "event_type": np.concatenate(
            [np.full(len(r[0]), r[1], dtype=np.int8) for r in rows]
        ),
        "at": np.concatenate([r[2] for r in rows]),
    }
    inside = events["at"] < ctx.stop
    events = _take(events, np.flatnonzero(inside))
    clicked_sessions = shown[clicked]
    return sends, events, clicked_sessions


# =============================================================================
# Injection of duplicates, conflicting duplicates and bad rows
# =============================================================================


@dataclass
class Injected:
    duplicate_rows: int = 0
    conflicting_duplicate: int = 0
    bad_rows: dict[str, int] = field(default_factory=dict)
    bad_variants: dict[str, int] = field(default_factory=dict)


def _inject(
    ctx: Context,
    table: str,
    frame: Frame,
    bad_row_rate: float,
    ts: str | None,
    key: str | None,
    conflict: Callable[[Frame], None] | None = None,
) -> tuple[Frame, np.ndarray, Injected]:
    """Adds exact duplicates, conflicting duplicates and bad rows to a table.

    `frame` holds the natural rows, sorted by `ts` when given. Returns the
    rows in file order, each row's defect variant (-1 for none) and counts.
    """
    rng = ctx.rng
    n = _frame_len(frame)
    stats = Injected()
    extras: list[Frame] = []
    defects: list[np.ndarray] = []

    share = EXACT_DUPLICATE_SHARE[table]
    count = min(n, max(2, round(share * n))) if n else 0
    picked = np.sort(rng.choice(n, count, replace=False)) if count else np.zeros(0, int)
    twice = picked[rng.random(len(picked)) < 0.1]
    copies = np.concatenate([picked, twice])
    extras.append(_take(frame, copies))
    defects.append(np.full(len(copies), -1, dtype=np.int16))
    stats.duplicate_rows = len(copies)

    if table in CONFLICT_SHARE and ts is not None and n:
        eligible = np.flatnonzero(frame[ts] < ctx.stop - 3600)
        count = min(len(eligible), max(MIN_CONFLICTS, round(CONFLICT_SHARE[table] * n)))
        originals = np.sort(rng.choice(eligible, count, replace=False))
        changed = _take(frame, originals)
        changed[ts] = changed[ts] + rng.integers(1, 900, count)
        changed["ts_style"] = np.zeros(count, dtype=np.int8)
        if conflict is not None:
            conflict(changed)
        extras.append(changed)
        defects.append(np.full(count, -1, dtype=np.int16))
        stats.conflicting_duplicate = count

    variants = DEFECTS[table]
    if bad_row_rate > 0 and n:
        per_variant = max(
            MIN_BAD_ROWS_PER_VARIANT, round(bad_row_rate * n / len(variants))
        )
        total = per_variant * len(variants)
        bases = rng.integers(0, n, total)
        bad = _take(frame, bases)
        if key is not None:
            top = int(frame[key].max())
            bad[key] = top + 1 + np.arange(total)
        extras.append(bad)
        defects.append(np.repeat(np.arange(len(variants), dtype=np.int16), per_variant))
        for name, reason, _ in variants:
            stats.bad_variants[name] = per_variant
            stats.bad_rows[reason] = stats.bad_rows.get(reason, 0) + per_variant

    extra = _concat(extras)
    m = _frame_len(extra)
    if ts is not None:
        position = np.searchsorted(frame[ts], extra[ts], side="right")
    else:
        position = rng.integers(0, n + 1, m)
    frame = {**frame, "_defect": np.full(n, -1, dtype=np.int16)}
    extra["_defect"] = np.concatenate(defects)
    merged = _interleave(frame, extra, position)
    defect = merged.pop("_defect")
    return merged, defect, stats


def _splice(values: pa.Array, rows: np.ndarray, texts: list[str | None]) -> pa.Array:
    """A string array with `texts` at the sorted `rows` (None: null).

    Copies the untouched runs of bytes between the rows, so the cost is one
    pass over the data however many rows change."""
    n = len(values)
    large = pa.types.is_large_string(values.type)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64 if large else np.int32)[
        values.offset : values.offset + n + 1
    ].astype(np.int64)
    data_buffer = values.buffers()[2]
    data = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, np.uint8)
    )
    valid = ~np.asarray(values.is_null())
    encoded = [text.encode() if text is not None else b"" for text in texts]
    lengths = np.diff(offsets)
    lengths[rows] = [len(text) for text in encoded]
    valid[rows] = [text is not None for text in texts]
    starts = offsets[:-1][rows].tolist()
    ends = offsets[1:][rows].tolist()
    pieces: list[np.ndarray] = []
    previous = int(offsets[0])
    for start, end, text in zip(starts, ends, encoded, strict=True):
        pieces.append(data[previous:start])
        pieces.append(np.frombuffer(text, dtype=np.uint8))
        previous = end
    pieces.append(data[previous : int(offsets[-1])])
    spliced = np.concatenate(pieces)
    new_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    kind = pa.large_string() if new_offsets[-1] >= 2**31 - 1 else pa.string()
    if kind == pa.string():
        new_offsets = new_offsets.astype(np.int32)
    nulls = n - int(valid.sum())
    validity = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    return pa.Array.from_buffers(
        kind,
        n,
        [validity, pa.py_buffer(new_offsets), pa.py_buffer(spliced)],
        null_count=nulls,
    )


def _apply_defects(
    table: str, columns: dict[str, pa.Array], defect: np.ndarray
) -> np.ndarray:
    """Writes each bad row's raw text; returns the rows that need CSV quotes.

    One pass per column (over the indices of dictionary columns), so the cost
    does not grow with the number of variants."""
    bad_rows = np.flatnonzero(defect >= 0)
    variant_of = defect[bad_rows]
    edits: dict[str, dict[int, str | None]] = {}
    for variant, (_, _, overrides) in enumerate(DEFECTS[table]):
        for column, text in overrides.items():
            edits.setdefault(column, {})[variant] = text
    quoted: list[np.ndarray] = []
    for column, by_variant in edits.items():
        touched = np.isin(variant_of, list(by_variant))
        rows = bad_rows[touched]
        if len(rows) == 0:
            continue
        texts = [by_variant[v] for v in variant_of[touched].tolist()]
        values = columns[column]
        if isinstance(values.type, pa.DictionaryType):
            vocabulary = values.dictionary.to_pylist()
            extra = sorted({t for t in texts if t is not None} - set(vocabulary))
            vocabulary += extra
            where = {text: i for i, text in enumerate(vocabulary)}
            codes = np.asarray(pc.fill_null(values.indices, -1)).astype(np.int64)
            codes[rows] = [-1 if t is None else where[t] for t in texts]
            columns[column] = _vocab_text(codes, vocabulary)
        else:
            columns[column] = _splice(values, rows, texts)
        special = np.array([t is not None and ("," in t or '"' in t) for t in texts])
        quoted.append(rows[special])
    return np.unique(np.concatenate(quoted)) if quoted else np.zeros(0, np.int64)


# =============================================================================
# Writing
# =============================================================================


def _write(path: Path, table: pa.Table, fmt: str, quoted: np.ndarray) -> None:
    if fmt == "parquet":
        pq.write_table(table, path, compression="snappy", store_schema=False)
        return
    plain = pacsv.WriteOptions(include_header=False, quoting_style="none")
    needed = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    with pa.OSFile(str(path), "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode())
        previous = 0
        for row in quoted.tolist():
            if row > previous:
                pacsv.write_csv(table.slice(previous, row - previous), sink, plain)
            pacsv.write_csv(table.slice(row, 1), sink, needed)
            previous = row + 1
        if previous < table.num_rows:
            pacsv.write_csv(table.slice(previous), sink, plain)


@dataclass
class Writer:
    """Writes each table in a background thread while the next is simulated
    (pyarrow releases the GIL); at most one table waits in memory."""

    out_dir: Path
    fmt: str
    progress: Callable[[str], None]
    rows: dict[str, int] = field(default_factory=dict)
    injected: dict[str, Injected] = field(default_factory=dict)
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1)
    )
    _pending: Future[None] | None = None

    def write(
        self,
        table: str,
        columns: dict[str, pa.Array],
        defect: np.ndarray,
        stats: Injected,
    ) -> None:
        quoted = _apply_defects(table, columns, defect)
        names = TABLE_COLUMNS[table]
        missing = [name for name in names if name not in columns]
        if missing:
            raise RuntimeError(f"generator bug: {table} lacks columns {missing}")
        arrow = pa.table([columns[name] for name in names], names=list(names))
        columns.clear()
        self.rows[table] = arrow.num_rows
        self.injected[table] = stats
        self.wait()
        self._pending = self._pool.submit(self._write, table, arrow, quoted)

    def _write(self, table: str, arrow: pa.Table, quoted: np.ndarray) -> None:
        path = self.out_dir / f"{table}.{self.fmt}"
        started = time.perf_counter()
        try:
            _write(path, arrow, self.fmt, quoted)
        except OSError as error:
            raise OSError(f"generate: cannot write {path}: {error}") from error
        self.progress(
            f"wrote {path.name}: {arrow.num_rows:,} rows "
            f"({time.perf_counter() - started:.1f}s)"
        )

    def wait(self) -> None:
        """Waits for the table being written (and raises its error)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)


# =============================================================================
# Rendering the tables
# =============================================================================


@dataclass
class Widths:
    user: int
    device: int
    anon: int
    message: int
    session: int
    order: int


def _user_text(nums: np.ndarray, widths: Widths) -> pa.Array:
    return _id_text("u", nums, widths.user)


def _lookup(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index], and -1 where index is negative (values may be empty)."""
    if len(values) == 0:
        return np.full(len(index), -1, dtype=np.int64)
    return np.where(index >= 0, values[np.maximum(index, 0)], -1)


def _device_text(index: np.ndarray, people: People, widths: Widths) -> pa.Array:
    return _id_text("d", _lookup(people.device_num, index), widths.device)


def _anon_text(index: np.ndarray, people: People, widths: Widths) -> pa.Array:
    return _id_text("a", _lookup(people.anon_num, index), widths.anon)


def _hash_text(person: np.ndarray, upper: np.ndarray, people: People) -> pa.Array:
    """Email hashes of persons (-1: null); upper-cased where asked."""
    rows = np.flatnonzero(person >= 0)
    matrix = people.emails[person[rows]]
    flip = upper[rows]
    if flip.any():
        part = matrix[flip]
        part[part >= ord("a")] -= 32
        matrix[flip] = part
    return _arrow_strings(
        len(person), matrix, rows if len(rows) < len(person) else None
    )


def _styles(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row: an enum spelling style and a timestamp style."""
    style = _choice(rng, n, STYLE_SHARE).astype(np.int8)
    ts_style = _choice(rng, n, (0.955, 0.02, 0.012, 0.008, 0.005)).astype(np.int8)
    return style, ts_style


def _sorted_by(frame: Frame, column: str) -> Frame:
    return _take(frame, np.argsort(frame[column], kind="stable"))


# =============================================================================
# generate()
# =============================================================================


def _epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


@contextmanager
def _without_huge_pages() -> Iterator[None]:
    """Turns off numpy's transparent-huge-page advice while simulating.

    The generator allocates many short-lived arrays of tens of MB; with huge
    pages advised, a busy kernel compacts memory for each one (measured: the
    system time of a 1M-person run fell from 25 s to 15 s without them). This
    is the runtime form of numpy's NUMPY_MADVISE_HUGEPAGE=0; the previous
    setting is restored afterwards.
    """
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # another numpy layout: leave numpy's default
        yield
        return
    previous = _set_madvise_hugepage(False)
    try:
        yield
    finally:
        _set_madvise_hugepage(previous)


def _check_arguments(
    persons: int, days: int, fmt: str, bad_row_rate: float, end_date: date
) -> None:
    if not isinstance(persons, int) or persons < 1:
        raise ValueError(
            f"generate: option persons must be a positive integer, got {persons!r}"
        )
    if not isinstance(days, int) or days < 1:
        raise ValueError(
            f"generate: option days must be a positive integer, got {days!r}"
        )
    if fmt not in FORMATS:
        raise ValueError(f"generate: option fmt must be one of {FORMATS}, got {fmt!r}")
    if not 0 <= bad_row_rate <= 0.2:
        raise ValueError(
            "generate: option bad_row_rate must be between 0 and 0.2, "
            f"got {bad_row_rate!r}"
        )
    if not isinstance(end_date, date) or end_date.year < 2001:
        raise ValueError(
            f"generate: option end_date must be a date after 2000, got {end_date!r}"
        )


def generate(
    out_dir: Path,
    persons: int = 1000,
    days: int = 30,
    seed: int = 42,
    fmt: str = "csv",
    end_date: date = DEFAULT_END_DATE,
    bad_row_rate: float = 0.002,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Writes every raw table of CONTRACT 1 and `generator_manifest.json`.

    The data covers the `days` days ending with `end_date` (UTC): every natural
    timestamp lies in [end_date - days + 1, end_date + 1 day). Returns the rows
    written per table. The same arguments give byte-identical files.
    """
    _check_arguments(persons, days, fmt, bad_row_rate, end_date)
    report = progress or (lambda message: None)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(
            f"generate: cannot create output directory {out}: {error}"
        ) from error
    for table in TABLES:
        for other in FORMATS:
            stale = out / f"{table}.{other}"
            if other != fmt and stale.exists():
                stale.unlink()

    (out / MANIFEST_NAME).unlink(missing_ok=True)  # no stale manifest on failure

    started = time.perf_counter()
    stop = _epoch(end_date) + DAY
    ctx = Context(
        rng=np.random.Generator(np.random.PCG64(seed)),
        start=stop - days * DAY,
        stop=stop,
        days=days,
        scale=days / 30,
    )
    writer = Writer(out, fmt, report)
    try:
        with _without_huge_pages():
            report(f"simulating {persons:,} persons over {days} days")
            people = _people(ctx, persons)
            _add_shared_devices(ctx, people)
            campaigns = _campaigns(ctx)
            widths = Widths(
                user=_width(people.user_num, 7),
                device=_width(people.device_num, 8),
                anon=_width(people.anon_num, 9),
                message=9,
                session=9,
                order=8,
            )
            simulation = _Simulation(
                ctx, people, campaigns, widths, writer, bad_row_rate
            )
            simulation.run()
    finally:
        writer.close()
    manifest = {
        "generator": "assist.generate",
        "manifest_version": MANIFEST_VERSION,
        "arguments": {
            "persons": persons,
            "days": days,
            "seed": seed,
            "fmt": fmt,
            "end_date": end_date.isoformat(),
            "bad_row_rate": bad_row_rate,
        },
        "period": {
            "start": _iso(ctx.start),
            "end_exclusive": _iso(ctx.stop),
        },
        "files": {table: f"{table}.{fmt}" for table in TABLES},
        "rows": {table: writer.rows[table] for table in TABLES},
        "tables": {
            table: _table_manifest(writer.rows[table], writer.injected[table])
            for table in TABLES
        },
        "holdout": simulation.holdout_truth,
        "shared_devices": simulation.shared_device_ids,
        "reporting_currency": "USD",
    }
    (out / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, sort_keys=False) + "\n"
    )
    report(
        f"generated {sum(writer.rows.values()):,} raw rows in "
        f"{time.perf_counter() - started:.1f}s"
    )
    return {table: writer.rows[table] for table in TABLES}


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )


def _table_manifest(rows: int, stats: Injected) -> dict[str, object]:
    bad = {reason: stats.bad_rows.get(reason, 0) for reason in BAD_ROW_REASONS}
    quarantined = sum(bad.values()) + stats.conflicting_duplicate
    return {
        "rows": rows,
        "duplicate_rows": stats.duplicate_rows,
        "conflicting_duplicate": stats.conflicting_duplicate,
        "bad_rows": bad,
        "bad_row_variants": dict(stats.bad_variants),
        "quarantined_rows": quarantined,
        "staged_rows": rows - stats.duplicate_rows - quarantined,
    }


class _Simulation:
    """Runs the simulation and writes each table as soon as it is complete."""

    def __init__(
        self,
        ctx: Context,
        people: People,
        campaigns: list[Campaign],
        widths: Widths,
        writer: Writer,
        bad_row_rate: float,
    ) -> None:
        self.ctx = ctx
        self.people = people
        self.campaigns = campaigns
        self.widths = widths
        self.writer = writer
        self.bad_row_rate = bad_row_rate
        self.holdout_truth: dict[str, object] = {}
        self.shared_device_ids: list[str] = []
        self.campaign_ids = [c.campaign_id for c in campaigns]

    # --- helpers -------------------------------------------------------------
    def user_at(self, person: np.ndarray, at: np.ndarray, platform: int) -> np.ndarray:
        """The user number carried by a row of this platform at that time."""
        login = self.people.app_login if platform == APP else self.people.web_login
        present = at >= login[person]
        return np.where(present, self.people.user_num[person], -1)

    # --- the run -------------------------------------------------------------
    def run(self) -> None:
        ctx, people = self.ctx, self.people
        rng = ctx.rng
        self.writer.progress("messages and sessions")
        sends, holdouts = _sends(ctx, people, self.campaigns)
        order = np.argsort(sends.at, kind="stable")
        sends = Sends(
            *(
                getattr(sends, f)[order]
                for f in ("person", "campaign", "channel", "at", "device", "anon")
            )
        )
        sends.message = np.arange(1, len(sends.person) + 1, dtype=np.int64)
        funnel = _funnel(ctx, sends)

        web_book = TrafficBook([Traffic("direct", 0)])
        app_book = TrafficBook([Traffic("none", 0)])
        frames = _organic_sessions(ctx, people, self.campaigns, web_book, app_book)
        frames += _landing_sessions(ctx, people, sends, funnel, web_book, app_book)
        frames += _holdout_sessions(ctx, people, holdouts)
        sessions = _sorted_by(_concat(frames), "start")
        keep = sessions["start"] < ctx.stop - 60
        sessions = _take(sessions, np.flatnonzero(keep))
        self.web_book, self.app_book = web_book, app_book
        plan = _plan_sessions(ctx, people, sessions)

        in_app_sends, in_app_events, clicked_sessions = _in_app_messages(
            ctx, sessions, self.campaigns
        )
        plan["coupon"][clicked_sessions] |= rng.random(len(clicked_sessions)) < 0.3
        in_app_sends.message = (
            len(sends.person) + 1 + np.arange(len(in_app_sends.person))
        )

        events = _explode(ctx, sessions, plan)
        self._logins(sessions, events)
        self._write_messages(sends, funnel, in_app_sends, in_app_events)
        del funnel, in_app_events
        # The export holds what happened before the end of the period: later
        # events of the last sessions (and their purchases) are not in it.
        purchases = self._purchases(sessions, plan, events)
        self._write_app_events(sessions, plan, events, purchases)
        self._write_web_events(sessions, plan, events, purchases)
        del events
        self._write_orders(purchases)
        self._holdout_truth(holdouts, purchases, sessions)
        self._write_holdouts(holdouts)
        self._write_identity_links(sessions)
        self._write_consents()
        self._write_campaigns()
        self._write_costs()
        self._write_fx_rates()

    # --- logins --------------------------------------------------------------
    def _logins(self, sessions: Frame, events: Frame) -> None:
        """Login times come from the login events; a new account signs up."""
        people = self.people
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

    # --- messages ------------------------------------------------------------
    def _write_messages(
        self, sends: Sends, funnel: MessageFunnel, in_app: Sends, in_app_events: Frame
    ) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
        all_sends = Sends(
            *(
                np.concatenate([getattr(sends, f), getattr(in_app, f)])
                for f in (
                    "person",
                    "campaign",
                    "channel",
                    "at",
                    "device",
                    "anon",
                    "message",
                )
            )
        )
        offset = len(sends.person)
        send = np.concatenate([funnel.events["send"], in_app_events["send"] + offset])
        frame: Frame = {
            "at": np.concatenate([funnel.events["at"], in_app_events["at"]]),
            "event_type": np.concatenate(
                [funnel.events["event_type"], in_app_events["event_type"]]
            ),
            "send": send,
        }
        frame = _sorted_by(frame, "at")
        send = frame["send"]
        n = len(send)
        person = all_sends.person[send]
        channel = all_sends.channel[send].astype(np.int8)
        # Identifiers per send: push and in-app carry user_id and/or device_id,
        # web push the cookie (and the user sometimes), email the hash (and the
        # user sometimes), sms and kakao the user.
        send_draw = rng.random(len(all_sends.person))[send]
        logged = self.user_at(person, frame["at"], APP) >= 0
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
            _lookup(people.device_platform, all_sends.device[send]),
            np.where(channel == WEB_PUSH, 2, -1),
        )
        message = np.where(rng.random(n) < 0.015, -1, all_sends.message[send])
        style, ts_style = _styles(rng, n)
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
        frame, defect, stats = _inject(
            ctx, "message_events", frame, self.bad_row_rate, "at", "key"
        )
        widths = self.widths
        columns = {
            "event_id": _id_text("me", frame["key"], _width(frame["key"], 10)),
            "event_at": _timestamp_text(frame["at"], frame["ts_style"]),
            "channel": _enum_text(frame["channel"], CHANNELS, frame["style"]),
            "event_type": _enum_text(frame["event_type"], EVENT_TYPES, frame["style"]),
            "campaign_id": _vocab_text(frame["campaign"], self.campaign_ids),
            "message_id": _id_text("msg", frame["message"], widths.message),
            "device_id": _device_text(frame["device"], people, widths),
            "anonymous_id": _anon_text(frame["anon"], people, widths),
            "user_id": _user_text(frame["user"], widths),
            "email_hash": _hash_text(
                frame["email_person"], frame["style"] == 2, people
            ),
            "platform": _enum_text(frame["platform"], PLATFORMS, frame["style"]),
        }
        self.writer.write("message_events", columns, defect, stats)

    # --- purchases -----------------------------------------------------------
    def _purchases(self, sessions: Frame, plan: Frame, events: Frame) -> Frame:
        """One row per purchase (online and offline) with its order of record."""
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
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
            "channel": platform.astype(np.int8),  # app 0, web 1 as SALES_CHANNELS
            "event_at": event_at,
            "event_row": np.where(tracked, sizes_end, -1),
            "order_at": np.minimum(online_order_at, ctx.stop - 1),
            "has_order": ~plan["event_only"][buying],
            "user": np.where(
                sessions["forced_user"][buying],
                people.user_num[person],
                np.where(
                    platform == APP,
                    self.user_at(person, last_at, APP),
                    self.user_at(person, last_at, WEB),
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
            "channel": np.where(rng.random(k) < 0.85, 2, 3).astype(np.int8),
            "event_at": np.full(k, -1, dtype=np.int64),
            "event_row": np.full(k, -1, dtype=np.int64),
            "order_at": store_at,
            "has_order": np.ones(k, dtype=bool),
            "user": people.user_num[store_person],
            "device": np.full(k, -1, dtype=np.int64),
            "anon": np.full(k, -1, dtype=np.int64),
        }
        purchases = _concat([online, offline])
        n = _frame_len(purchases)
        currency = people.currency[purchases["person"]]
        usd = np.exp(rng.normal(np.log(50), 0.7, n))
        minor = np.select(
            [currency == USD, currency == EUR],
            [np.round(usd * 100), np.round(usd / FX_BASE["EUR"] * 100)],
            np.round(usd / FX_BASE["KRW"] / 100) * 100,
        ).astype(np.int64)
        purchases["currency"] = currency
        purchases["minor"] = minor
        purchases["status"] = _choice(rng, n, (0.97, 0.02, 0.01)).astype(np.int8)
        # Order numbers by the time the order was placed.
        order_number = np.full(n, -1, dtype=np.int64)
        with_order = np.flatnonzero(purchases["has_order"])
        ranked = with_order[
            np.argsort(purchases["order_at"][with_order], kind="stable")
        ]
        order_number[ranked] = np.arange(1, len(ranked) + 1)
        purchases["order"] = order_number
        # App purchases also seen by the web tag (in-app web view checkout).
        purchases["webview"] = (
            (purchases["channel"] == 0)
            & (purchases["event_at"] >= 0)
            & (people.anon_count[purchases["person"]] > 0)
            & (rng.random(n) < 0.06)
        )
        return purchases

    def _purchase_fields(self, frame: Frame, purchases: Frame) -> None:
        """Adds order, amount and currency of event rows (frame["purchase"] is
        the purchase of the row or -1). Random choices happen here, before
        duplicates are made, so that copies stay identical."""
        rows = frame["purchase"]
        currency = _lookup(purchases["currency"], rows)
        # Reporting-currency rows sometimes leave currency empty.
        blank = (currency == USD) & (self.ctx.rng.random(len(rows)) < 0.12)
        frame["order"] = _lookup(purchases["order"], rows)
        frame["minor"] = _lookup(purchases["minor"], rows)
        frame["currency"] = np.where(blank, -1, currency).astype(np.int8)

    def _purchase_words(self, frame: Frame) -> dict[str, pa.Array]:
        currency = frame["currency"]
        return {
            "order_id": _id_text("o", frame["order"], self.widths.order),
            "revenue": _amount_text(frame["minor"], np.where(currency == KRW, 0, 2)),
            "currency": _currency_text(currency, frame["style"]),
        }

    # --- app events ----------------------------------------------------------
    def _write_app_events(
        self, sessions: Frame, plan: Frame, events: Frame, purchases: Frame
    ) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
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
        style, ts_style = _styles(rng, n)
        frame: Frame = {
            "at": at,
            "key": np.arange(1, n + 1, dtype=np.int64),
            "name": events["name"][rows],
            "device": sessions["device"][session],
            "user": np.where(
                sessions["forced_user"][session],
                people.user_num[person],
                self.user_at(person, at, APP),
            ),
            "session": self._session_numbers(sessions, plan, APP)[session],
            "traffic": traffic,
            "campaign": self._utm_campaign(campaign, plan["utm_by_name"][session]),
            "push_message": np.where(first, sessions["push_message"][session], -1),
            "purchase": self._purchase_of_rows(rows, events, purchases),
            "style": style,
            "ts_style": ts_style,
        }
        del session, person, at, first
        self._purchase_fields(frame, purchases)
        frame, defect, stats = _inject(
            ctx, "app_events", frame, self.bad_row_rate, "at", "key"
        )
        profiles = self.app_book.profiles
        device = frame["device"]
        columns = {
            "event_id": _id_text("ae", frame["key"], _width(frame["key"], 10)),
            "event_at": _timestamp_text(frame["at"], frame["ts_style"]),
            "event_name": _vocab_text(frame["name"], EVENT_NAMES),
            "device_id": _device_text(device, people, self.widths),
            "user_id": _user_text(frame["user"], self.widths),
            "session_id": _id_text("sa", frame["session"], self.widths.session),
            "platform": _vocab_text(
                people.device_platform[device].astype(np.int64), PLATFORMS
            ),
            "campaign_source": _profile_text(frame["traffic"], profiles, "source"),
            "campaign_medium": _profile_text(frame["traffic"], profiles, "medium"),
            "campaign_name": _vocab_text(frame["campaign"], self._campaign_texts()),
            "push_message_id": _id_text(
                "msg", frame["push_message"], self.widths.message
            ),
        }
        columns.update(self._purchase_words(frame))
        self.writer.write("app_events", columns, defect, stats)

    @staticmethod
    def _session_numbers(sessions: Frame, plan: Frame, platform: int) -> np.ndarray:
        """session_id numbers of one platform's sessions (-1: no session_id)."""
        number = np.full(len(sessions["start"]), -1, dtype=np.int64)
        mine = np.flatnonzero(sessions["platform"] == platform)
        number[mine] = np.arange(1, len(mine) + 1)
        number[~plan["has_session_id"]] = -1
        return number

    @staticmethod
    def _purchase_of_rows(
        rows: np.ndarray, events: Frame, purchases: Frame
    ) -> np.ndarray:
        """The purchase recorded by each event row, or -1."""
        of_row = np.full(len(events["at"]), -1, dtype=np.int64)
        tracked = np.flatnonzero(purchases["event_row"] >= 0)
        of_row[purchases["event_row"][tracked]] = tracked
        return of_row[rows]

    def _campaign_texts(self) -> list[str]:
        """utm_campaign / campaign_name vocabulary: campaign ids, then names."""
        return self.campaign_ids + [c.name for c in self.campaigns]

    def _utm_campaign(self, campaign: np.ndarray, by_name: np.ndarray) -> np.ndarray:
        """Code into _campaign_texts: the name mostly, the id sometimes."""
        must_name = np.array(
            [c.family in ("cross_network", "shopping") for c in self.campaigns]
            + [False]
        )[campaign]
        use_name = by_name | must_name
        return np.where(
            campaign < 0,
            -1,
            np.where(use_name, campaign + len(self.campaigns), campaign),
        )

    # --- web events ----------------------------------------------------------
    def _write_web_events(
        self, sessions: Frame, plan: Frame, events: Frame, purchases: Frame
    ) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
        on_web = sessions["platform"][events["session"]] == WEB
        rows = np.flatnonzero(on_web & (events["at"] < ctx.stop))
        # Pages follow the session's order of events (the referrer of a page
        # is the page before it); then rows are put in time order.
        position = events["position"][rows]
        name = events["name"][rows]
        page = self._pages(name, position, rng)
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
                self.user_at(person, at, WEB),
            ),
            "session": self._session_numbers(sessions, plan, WEB)[session],
            "page": page,
            "referrer_page": referrer_page,
            "traffic": traffic,
            "campaign": self._utm_campaign(campaign, plan["utm_by_name"][session]),
            "purchase": self._purchase_of_rows(rows, events, purchases),
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
        extra = _take(extra, np.argsort(extra["at"], kind="stable"))
        position = np.searchsorted(frame["at"], extra["at"], side="right")
        frame = _interleave(frame, extra, position)
        n = len(frame["at"])
        frame["key"] = np.arange(1, n + 1, dtype=np.int64)
        frame["style"], frame["ts_style"] = _styles(rng, n)
        self._purchase_fields(frame, purchases)
        frame, defect, stats = _inject(
            ctx, "web_events", frame, self.bad_row_rate, "at", "key"
        )
        profiles = self.web_book.profiles
        utm_campaign = frame["campaign"]
        columns = {
            "event_id": _id_text("we", frame["key"], _width(frame["key"], 10)),
            "event_at": _timestamp_text(frame["at"], frame["ts_style"]),
            "event_name": _vocab_text(frame["name"], EVENT_NAMES),
            "anonymous_id": _anon_text(frame["anon"], people, self.widths),
            "user_id": _user_text(frame["user"], self.widths),
            "session_id": _id_text("sw", frame["session"], self.widths.session),
            "page_url": self._page_urls(frame["page"], frame["traffic"], utm_campaign),
            "referrer_url": self._referrers(frame["referrer_page"], frame["traffic"]),
            "utm_source": _profile_text(frame["traffic"], profiles, "source"),
            "utm_medium": _profile_text(frame["traffic"], profiles, "medium"),
            "utm_campaign": _vocab_text(utm_campaign, self._campaign_texts()),
            "click_id": self._click_ids(frame["click"], frame["traffic"]),
        }
        columns.update(self._purchase_words(frame))
        self.writer.write("web_events", columns, defect, stats)

    def _pages(
        self, name: np.ndarray, position: np.ndarray, rng: np.random.Generator
    ) -> np.ndarray:
        n = len(name)
        product = PAGE_PRODUCT + rng.integers(0, N_PRODUCTS, n)
        category = PAGE_CATEGORY + rng.integers(0, len(CATEGORY_PATHS), n)
        landing = np.select(
            [rng.random(n) < 0.35, rng.random(n) < 0.5], [PAGE_HOME, category], product
        )
        page_view = np.where(
            position == 1, landing, np.where(rng.random(n) < 0.5, category, product)
        )
        table = {
            "page_view": page_view,
            "view_item": product,
            "wishlist_add": product,
            "search": PAGE_SEARCH + rng.integers(0, len(SEARCH_TERMS), n),
            "add_to_cart": np.full(n, PAGE_CART),
            "view_cart": np.full(n, PAGE_CART),
            "begin_checkout": np.full(n, PAGE_CHECKOUT),
            "purchase": np.full(n, PAGE_CONFIRMATION),
            "login": np.full(n, PAGE_LOGIN),
            "sign_up": np.full(n, PAGE_REGISTER),
            "subscribe": np.full(n, PAGE_NEWSLETTER),
            "coupon_issued": np.full(n, PAGE_COUPONS),
        }
        page = np.full(n, PAGE_HOME, dtype=np.int64)
        for event, pages in table.items():
            rows = name == EV[event]
            page[rows] = pages[rows]
        return page

    def _page_urls(
        self, page: np.ndarray, traffic: np.ndarray, utm_campaign: np.ndarray
    ) -> pa.Array:
        """Landing pages carry their UTM query string."""
        texts = self._campaign_texts()
        profiles = self.web_book.profiles
        tagged = np.array([p.source is not None for p in profiles])[traffic]
        combined = np.where(
            tagged,
            len(PAGES)
            + (page * len(profiles) + traffic) * (len(texts) + 1)
            + utm_campaign
            + 1,
            page,
        )
        unique, inverse = np.unique(combined, return_inverse=True)
        vocabulary = []
        for code in unique.tolist():
            if code < len(PAGES):
                vocabulary.append(PAGES[code])
                continue
            rest = code - len(PAGES)
            campaign = rest % (len(texts) + 1) - 1
            pair = rest // (len(texts) + 1)
            profile = profiles[pair % len(profiles)]
            query = [f"utm_source={profile.source}"]
            if profile.medium:
                query.append(f"utm_medium={profile.medium}")
            if campaign >= 0:
                query.append(f"utm_campaign={texts[campaign]}")
            url = PAGES[pair // len(profiles)]
            vocabulary.append(url + ("&" if "?" in url else "?") + "&".join(query))
        return _vocab_text(inverse.reshape(-1), vocabulary)

    def _referrers(self, referrer_page: np.ndarray, traffic: np.ndarray) -> pa.Array:
        profiles = self.web_book.profiles
        vocabulary = [p.referrer or "" for p in profiles] + list(PAGES)
        has_referrer = np.array([p.referrer is not None for p in profiles])
        code = np.where(
            referrer_page >= 0,
            len(profiles) + referrer_page,
            np.where(has_referrer[traffic], traffic, -1),
        )
        return _vocab_text(code, vocabulary)

    def _click_ids(self, session: np.ndarray, traffic: np.ndarray) -> pa.Array:
        kinds = np.array(
            [
                {"gc": 1, "fb": 2}.get(p.click_id or "", 0)
                for p in self.web_book.profiles
            ]
        )[traffic]
        numbers = np.where(
            (kinds > 0) & (session >= 0), session * 7 + 1_000_000_000, -1
        )
        text = _id_text("gclid.", numbers, 12)
        facebook = _id_text("fbclid", numbers, 12)
        return pc.if_else(pa.array(kinds == 2), facebook, text)

    # --- orders --------------------------------------------------------------
    def _write_orders(self, purchases: Frame) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
        rows = np.flatnonzero(purchases["has_order"])
        rows = rows[np.argsort(purchases["order"][rows], kind="stable")]
        p = _take(purchases, rows)
        n = len(rows)
        channel = p["channel"]
        user = p["user"]
        person = p["person"]
        draw = rng.random(n)
        # Identifiers the backend knows: the account, the guest email, the
        # device (app) or cookie (web); store and call centre know the loyalty
        # account or the email only.
        offline = channel >= 2
        user = np.where(offline & (draw < 0.4), -1, user)
        email = np.where(
            (user < 0) | (rng.random(n) < np.where(offline, 0.1, 0.25)), person, -1
        )
        device = np.where((channel == 0) & (rng.random(n) < 0.7), p["device"], -1)
        anon = np.where((channel == 1) & (rng.random(n) < 0.6), p["anon"], -1)
        style, ts_style = _styles(rng, n)
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
        frame = _sorted_by(frame, "at")

        def conflict(changed: Frame) -> None:
            # A later status update exported as a second row of the same order.
            changed["status"] = np.where(changed["status"] == 0, 1, 0).astype(np.int8)

        frame, defect, stats = _inject(
            ctx, "orders", frame, self.bad_row_rate, "at", "key", conflict
        )
        columns = {
            "order_id": _id_text("o", frame["key"], self.widths.order),
            "ordered_at": _timestamp_text(frame["at"], frame["ts_style"]),
            "user_id": _user_text(frame["user"], self.widths),
            "email_hash": _hash_text(
                frame["email_person"], frame["style"] == 2, people
            ),
            "device_id": _device_text(frame["device"], people, self.widths),
            "anonymous_id": _anon_text(frame["anon"], people, self.widths),
            "sales_channel": _enum_text(
                frame["channel"], SALES_CHANNELS, frame["style"]
            ),
            "revenue": _amount_text(
                frame["minor"], np.where(frame["currency"] == KRW, 0, 2)
            ),
            "currency": _currency_text(frame["currency"], frame["style"]),
            "status": _enum_text(frame["status"], STATUSES, frame["style"]),
        }
        self.writer.write("orders", columns, defect, stats)

    # --- holdouts ------------------------------------------------------------
    def _holdout_truth(
        self, holdouts: list[Holdout], purchases: Frame, sessions: Frame
    ) -> None:
        """The realised purchase rates per group (by simulated person), and
        the true lift: the treatment users' average of Y(1) - Y(0), where Y(1)
        is "converted in the window" and Y(0) the same without the purchases
        the campaign caused (its push landing sessions and its holdout extra
        sessions). Its expectation is the difference of the groups' rates
        that rpt_holdout_lift estimates, so its 95% interval should cover it
        in about 95% of campaigns."""
        # Event-only purchases have no order (status) of record.
        completed = (purchases["status"] == 0) | ~purchases["has_order"]
        seen = np.where(
            purchases["event_at"] >= 0,
            np.where(
                purchases["has_order"],
                np.minimum(purchases["event_at"], purchases["order_at"]),
                purchases["event_at"],
            ),
            purchases["order_at"],
        )
        session = purchases["session"]
        online = session >= 0
        kind = np.where(online, sessions["kind"][np.maximum(session, 0)], -1)
        cause = np.where(
            online & ((kind == LANDING) | (kind == HOLDOUT_EXTRA)),
            sessions["campaign"][np.maximum(session, 0)],
            -1,
        )
        person = purchases["person"][completed]
        at = seen[completed]
        cause = cause[completed]
        order = np.lexsort((at, person))
        person, at, cause = person[order], at[order], cause[order]
        window = HOLDOUT_WINDOW_DAYS * DAY
        for holdout in holdouts:
            natural = cause != holdout.campaign
            natural_key = person[natural] * 2**33 + at[natural]
            without = np.searchsorted(
                natural_key,
                holdout.person * 2**33 + holdout.assigned_at + window,
                "right",
            ) > np.searchsorted(
                natural_key, holdout.person * 2**33 + holdout.assigned_at, "left"
            )
            start = np.searchsorted(
                person * 2**33 + at,
                holdout.person * 2**33 + holdout.assigned_at,
                "left",
            )
            end = np.searchsorted(
                person * 2**33 + at,
                holdout.person * 2**33 + holdout.assigned_at + window,
                "right",
            )
            converted = end > start
            result: dict[str, object] = {
                "true_extra_purchase_probability": holdout_extra_purchase_probability(
                    holdout.campaign_id
                ),
                "window_days": HOLDOUT_WINDOW_DAYS,
                "assigned_at": _iso(int(holdout.assigned_at[0]))
                if len(holdout.person)
                else None,
            }
            for group, members in (
                ("treatment", ~holdout.control),
                ("control", holdout.control),
            ):
                users = int(members.sum())
                converters = int(converted[members].sum())
                result[f"{group}_users"] = users
                result[f"{group}_converters"] = converters
                result[f"{group}_rate"] = converters / users if users else None
            treated = ~holdout.control
            result["treatment_converters_without_campaign"] = int(
                without[treated].sum()
            )
            result["true_lift"] = (
                float(np.mean(converted[treated] & ~without[treated]))
                if treated.any()
                else None
            )
            self.holdout_truth[holdout.campaign_id] = result

    def _write_holdouts(self, holdouts: list[Holdout]) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        frame: Frame = {
            "campaign": np.concatenate(
                [np.full(len(h.person), h.campaign) for h in holdouts]
            ).astype(np.int64),
            "user": np.concatenate([self.people.user_num[h.person] for h in holdouts]),
            "assignment": np.concatenate([h.control for h in holdouts]).astype(np.int8),
            "at": np.concatenate([h.assigned_at for h in holdouts]),
        }
        n = len(frame["at"])
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "holdout_assignments", frame, self.bad_row_rate, None, None
        )
        columns = {
            "campaign_id": _vocab_text(frame["campaign"], self.campaign_ids),
            "user_id": _user_text(frame["user"], self.widths),
            "assignment": _enum_text(frame["assignment"], ASSIGNMENTS, frame["style"]),
            "assigned_at": _timestamp_text(frame["at"], frame["ts_style"]),
        }
        self.writer.write("holdout_assignments", columns, defect, stats)

    # --- identity links ------------------------------------------------------
    def _write_identity_links(self, sessions: Frame) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
        past = (
            ctx.start
            - rng.integers(1, 400, people.n) * DAY
            + rng.integers(0, DAY, people.n)
        )
        parts: list[Frame] = []

        def link(
            type_a: int,
            a: np.ndarray,
            type_b: int,
            b: np.ndarray,
            at: np.ndarray,
            source: int,
        ) -> None:
            k = len(a)
            parts.append(
                {
                    "type_a": np.full(k, type_a, dtype=np.int8),
                    "a": a,
                    "type_b": np.full(k, type_b, dtype=np.int8),
                    "b": b,
                    "at": at,
                    "source": np.full(k, source, dtype=np.int8),
                }
            )

        # Web logins: the user and each cookie of a person who logged in.
        anon_person = people.anon_person
        login = people.web_login[anon_person]
        ok = (
            (people.user_num[anon_person] >= 0)
            & (login < ctx.stop)
            & (rng.random(len(anon_person)) < 0.7)
        )
        rows = np.flatnonzero(ok)
        at = np.where(login[rows] > 0, login[rows], past[anon_person[rows]])
        link(ID_USER, anon_person[rows], ID_ANON, rows, at, 0)
        # App logins: the user and each device (shared devices too).
        device_person = people.device_person
        real = device_person >= 0
        login = np.where(real, people.app_login[np.maximum(device_person, 0)], NEVER)
        ok = (
            real
            & (people.user_num[np.maximum(device_person, 0)] >= 0)
            & (login < ctx.stop)
            & (rng.random(len(device_person)) < 0.8)
        )
        rows = np.flatnonzero(ok)
        at = np.where(login[rows] > 0, login[rows], past[device_person[rows]])
        link(ID_USER, device_person[rows], ID_DEVICE, rows, at, 1)
        for device, users in zip(
            people.shared_devices, people.shared_users, strict=True
        ):
            link(
                ID_USER,
                users,
                ID_DEVICE,
                np.full(len(users), device),
                ctx.start + rng.integers(0, DAY, len(users)),
                1,
            )
        # CRM matches of accounts and email addresses.
        crm = np.flatnonzero(people.known & (rng.random(people.n) < 0.9))
        link(ID_USER, crm, ID_EMAIL, crm, past[crm] + 60, 2)
        # Web views of the app: device and cookie of one person.
        both = np.flatnonzero(
            (people.dev_count > 0)
            & (people.anon_count > 0)
            & (rng.random(people.n) < 0.1)
        )
        link(
            ID_DEVICE,
            people.dev_first[both],
            ID_ANON,
            people.anon_first[both],
            ctx.times(len(both)),
            3,
        )
        frame = _concat(parts)
        n = len(frame["a"])
        # Some exports list the pair the other way round; a few lack linked_at.
        swap = rng.random(n) < 0.1
        for left, right in (("type_a", "type_b"), ("a", "b")):
            frame[left], frame[right] = (
                np.where(swap, frame[right], frame[left]),
                np.where(swap, frame[left], frame[right]),
            )
        frame["at"] = np.where(rng.random(n) < 0.05, -1, frame["at"])
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "identity_links", frame, self.bad_row_rate, None, None
        )
        linked = frame["at"] >= 0
        at_text = _timestamp_text(
            np.where(linked, frame["at"], ctx.start), frame["ts_style"]
        )
        at_text = pc.if_else(
            pa.array(linked), at_text, pa.nulls(len(linked), pa.string())
        )
        self.shared_device_ids = [
            _device_text(np.array([d]), people, self.widths)[0].as_py()
            for d in people.shared_devices
        ]
        columns = {
            "id_type_a": _enum_text(frame["type_a"], ID_TYPES, frame["style"]),
            "id_a": self._identifier_text(frame["type_a"], frame["a"]),
            "id_type_b": _enum_text(frame["type_b"], ID_TYPES, frame["style"]),
            "id_b": self._identifier_text(frame["type_b"], frame["b"]),
            "linked_at": at_text,
            "source": _vocab_text(
                frame["source"], ("web_login", "app_login", "crm", "webview")
            ),
        }
        self.writer.write("identity_links", columns, defect, stats)

    def _identifier_text(self, kind: np.ndarray, value: np.ndarray) -> pa.Array:
        """Identifier text by type: value is a person (user, email), a device
        index or a cookie index."""
        people, widths = self.people, self.widths
        n = len(kind)
        pieces = []
        where = []
        for code in range(len(ID_TYPES)):
            rows = np.flatnonzero(kind == code)
            where.append(rows)
            part = value[rows]
            if code == ID_USER:
                pieces.append(_user_text(people.user_num[part], widths))
            elif code == ID_EMAIL:
                pieces.append(_hash_text(part, np.zeros(len(part), bool), people))
            elif code == ID_DEVICE:
                pieces.append(_device_text(part, people, widths))
            else:
                pieces.append(_anon_text(part, people, widths))
        combined = pa.concat_arrays([p.cast(pa.large_string()) for p in pieces])
        position = np.empty(n, dtype=np.int64)
        position[np.concatenate(where)] = np.arange(n)
        return combined.take(pa.array(position)).cast(pa.string())

    # --- consents ------------------------------------------------------------
    def _write_consents(self) -> None:
        ctx, people, rng = self.ctx, self.people, self.ctx.rng
        parts: list[Frame] = []

        def record(
            kind: int,
            value: np.ndarray,
            purpose: int,
            granted: np.ndarray,
            at: np.ndarray,
        ) -> None:
            k = len(value)
            parts.append(
                {
                    "kind": np.full(k, kind, dtype=np.int8),
                    "value": value,
                    "purpose": np.full(k, purpose, dtype=np.int8),
                    "granted": granted.astype(np.int8),
                    "at": at,
                }
            )

        known = np.flatnonzero(people.known)
        signed_up = (
            ctx.start
            - rng.integers(1, 500, len(known)) * DAY
            + rng.integers(0, DAY, len(known))
        )
        analytics = rng.random(len(known)) < 0.93
        record(ID_USER, known, 0, analytics, signed_up)
        record(ID_USER, known, 1, rng.random(len(known)) < 0.75, signed_up + 1)
        # Withdrawals: granted earlier, withdrawn during the period.
        withdrawn = analytics & (rng.random(len(known)) < 0.03)
        record(
            ID_USER,
            known[withdrawn],
            0,
            np.zeros(int(withdrawn.sum()), bool),
            ctx.times(int(withdrawn.sum())),
        )
        # Cookie banners and app tracking prompts of anonymous identifiers.
        cookies = np.flatnonzero(rng.random(len(people.anon_person)) < 0.5)
        record(
            ID_ANON,
            cookies,
            0,
            rng.random(len(cookies)) < 0.85,
            ctx.times(len(cookies)) - 30 * DAY,
        )
        devices = np.flatnonzero(
            (people.device_person >= 0) & (rng.random(len(people.device_person)) < 0.3)
        )
        record(
            ID_DEVICE,
            devices,
            0,
            rng.random(len(devices)) < 0.8,
            ctx.times(len(devices)) - 60 * DAY,
        )
        with_email = rng.random(len(known)) < 0.2
        record(
            ID_EMAIL,
            known[with_email],
            1,
            rng.random(int(with_email.sum())) < 0.9,
            signed_up[with_email] + 120,
        )
        frame = _concat(parts)
        n = len(frame["value"])
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "consents", frame, self.bad_row_rate, None, None
        )
        columns = {
            "id_type": _enum_text(frame["kind"], ID_TYPES, frame["style"]),
            "id": self._identifier_text(frame["kind"], frame["value"]),
            "purpose": _enum_text(frame["purpose"], PURPOSES, frame["style"]),
            "granted": _vocab_text(
                frame["granted"].astype(np.int64), ("false", "true")
            ),
            "updated_at": _timestamp_text(frame["at"], frame["ts_style"]),
        }
        self.writer.write("consents", columns, defect, stats)

    # --- campaigns, costs, fx ------------------------------------------------
    def _write_campaigns(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        campaigns = self.campaigns
        n = len(campaigns)
        frame: Frame = {
            "key": np.arange(n, dtype=np.int64),
            "at": np.array([c.started_at for c in campaigns], dtype=np.int64),
        }
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "campaigns", frame, self.bad_row_rate, None, "key"
        )
        key = frame["key"]
        ids = [c.campaign_id for c in campaigns]
        ids += [f"cmp-invalid-{i + 1:03d}" for i in range(int(key.max()) + 1 - n)]
        known = np.minimum(key, n - 1)

        def field_text(values: list[str]) -> pa.Array:
            codes = np.where(np.array([v == "" for v in values])[known], -1, known)
            return _vocab_text(codes, values)

        columns = {
            "campaign_id": _vocab_text(key, ids),
            "channel": field_text([c.channel for c in campaigns]),
            "campaign_name": field_text([c.name for c in campaigns]),
            "started_at": _timestamp_text(frame["at"], frame["ts_style"]),
            "purchase_conversion_tracking": field_text([c.tracking for c in campaigns]),
            "conversion_events": field_text([c.conversion_events for c in campaigns]),
        }
        self.writer.write("campaigns", columns, defect, stats)

    def _write_costs(self) -> None:
        ctx, rng = self.ctx, self.ctx.rng
        paid = [i for i, c in enumerate(self.campaigns) if c.kind == "paid"]
        channel_names = [
            "direct",
            "organic_search",
            "paid_search",
            "organic_social",
            "paid_social",
            "organic_video",
            "paid_video",
            "organic_shopping",
            "paid_shopping",
            "display",
            "paid_other",
            "cross_network",
            "referral",
            "affiliate",
            "audio",
            "email",
            "sms",
            "kakao",
            "app_push",
            "web_push",
            "in_app",
            "unassigned",
        ]
        first_day = ctx.start // DAY
        day = np.repeat(first_day + np.arange(ctx.days), len(paid) + 3)
        slot = np.tile(np.arange(len(paid) + 3), ctx.days)
        campaign = np.where(slot < len(paid), np.asarray(paid + [0, 0, 0])[slot], -1)
        flat = np.array([channel_names.index(c) for c in ("sms", "kakao", "email")])
        channel = np.where(
            slot < len(paid),
            np.array(
                [channel_names.index(self.campaigns[i].cost_channel) for i in paid]
                + [0, 0, 0]
            )[slot],
            flat[np.maximum(slot - len(paid), 0)],
        )
        daily = np.array(
            [self.campaigns[i].daily_cost for i in paid] + [35.0, 22.0, 12.0]
        )[slot]
        cost = np.round(daily * rng.uniform(0.7, 1.3, len(day)) * 100).astype(np.int64)
        # One paid-social campaign is bought in EUR; a few rows say `usd`.
        eur = np.array([i == paid[3] for i in campaign])
        currency = np.where(eur, EUR, np.where(rng.random(len(day)) < 0.05, -1, USD))
        frame: Frame = {
            "day": day,
            "channel": channel.astype(np.int64),
            "campaign": campaign,
            "cost": np.where(
                eur, np.round(cost / FX_BASE["EUR"]).astype(np.int64), cost
            ),
            "currency": currency,
        }
        n = len(day)
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "costs", frame, self.bad_row_rate, None, None
        )
        columns = {
            "cost_date": _date_text(frame["day"]),
            "channel": _enum_text(frame["channel"], channel_names, frame["style"]),
            "campaign_id": _vocab_text(frame["campaign"], self.campaign_ids),
            "cost": _amount_text(frame["cost"], np.full(len(frame["cost"]), 2)),
            "currency": _currency_text(frame["currency"], frame["style"]),
        }
        self.writer.write("costs", columns, defect, stats)

    def _write_fx_rates(self) -> None:
        """Weekday rates to USD for EUR and KRW, from a week before the period."""
        ctx, rng = self.ctx, self.ctx.rng
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
        frame = _take(frame, np.lexsort((frame["currency"], frame["day"])))
        n = len(frame["day"])
        frame["style"], frame["ts_style"] = _styles(rng, n)
        frame, defect, stats = _inject(
            ctx, "fx_rates", frame, self.bad_row_rate, None, None
        )
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
            "rate_date": _date_text(frame["day"]),
            "currency": _currency_text(
                frame["currency"], np.where(frame["style"] == 1, 1, 0)
            ),
            "rate_to_reporting": pa.array(rates, pa.string()),
        }
        self.writer.write("fx_rates", columns, defect, stats)


def _profile_text(
    traffic: np.ndarray, profiles: list[Traffic], attribute: str
) -> pa.Array:
    values = [getattr(p, attribute) for p in profiles]
    vocabulary = [v or "" for v in values]
    present = np.array([v is not None for v in values])
    return _vocab_text(np.where(present[traffic], traffic, -1), vocabulary)
