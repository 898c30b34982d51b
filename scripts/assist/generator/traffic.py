"""Traffic: where a session comes from (referrer, UTM tags, click ids).

Organic web and app sessions draw a traffic profile by weight; sessions that
follow a message click carry the channel's tags (or none: bare visits). Paid
profiles belong to a family of paid campaigns. A `TrafficBook` numbers the
profiles a run uses; the UTM texts of the event tables are rendered here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from assist.generator.contract import APP_PUSH, EMAIL, KAKAO, SMS, WEB_PUSH
from assist.generator.render import vocab_text

if TYPE_CHECKING:
    from assist.generator.campaigns import Campaign
    from assist.generator.simulation import World

SHOP = "https://shop.example.com"
CHECKOUT = "https://checkout.shop.example.com"


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


def _profiles(text: str) -> tuple[Traffic, ...]:
    """Traffic profiles of a table: name, weight, then referrer, source,
    medium, campaign family and click id (`-` or left out: none)."""
    profiles = []
    for line in text.format(SHOP=SHOP, CHECKOUT=CHECKOUT).strip().splitlines():
        name, weight, *rest = line.split()
        fields = [None if value == "-" else value for value in rest]
        profiles.append(Traffic(name, int(weight), *fields))
    return tuple(profiles)


# Organic web traffic (sessions not started by a message click).
WEB_TRAFFIC = _profiles("""
direct        24
google        16 https://www.google.com/
bing          3  https://www.bing.com/
duckduckgo    2  https://duckduckgo.com/
naver         1  https://search.naver.com/search.naver?query=shop
facebook      3  https://l.facebook.com/
instagram     2  https://l.instagram.com/
t.co          1  https://t.co/
linkedin      1  https://www.linkedin.com/feed/
youtube       2  https://www.youtube.com/
amazon        1  https://www.amazon.com/
blog          3  https://blog.example.org/best-of-2026
deals         2  https://www.dealfinder.net/shop-example
self          2  {SHOP}/
self_checkout 1  {CHECKOUT}/
paypal        1  https://www.paypal.com/
google_cpc    9  https://www.google.com/ google cpc search gc
bing_cpc      2  https://www.bing.com/ bing cpc search_bing
facebook_paid 4  https://l.facebook.com/ facebook paid_social social fb
instagram_cpc 2  - instagram cpc social_retargeting fb
display       4  - criteo display display
affiliate     3  https://www.couponsite.com/ awin affiliate affiliate
cross_network 2  - google cpc cross_network gc
paid_video    1  https://www.youtube.com/ youtube cpv video gc
paid_shopping 2  https://www.google.com/ google cpc shopping gc
qr_code       1  - qr_code offline
""")
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
APP_TRAFFIC = _profiles("""
none          85
google_app    5  - google cpc search
facebook_app  4  - facebook paid_social social
partner_app   3  - partner_blog referral
qr_app        1  - qr offline
instagram_app 2  - instagram cpc social_retargeting
""")
APP_MESSAGE_TRAFFIC = {
    APP_PUSH: Traffic("firebase", 1, None, "firebase", "push", "message"),
    EMAIL: Traffic("newsletter", 1, None, "newsletter", "email", "message"),
    SMS: Traffic("sms", 1, None, "sms", "sms", "message"),
    KAKAO: Traffic("kakao", 1, None, "kakao", "kakao", "message"),
    WEB_PUSH: Traffic("webpush", 1, None, "webpush", "web_push", "message"),
}


@dataclass
class TrafficBook:
    """Every traffic profile used by web (or app) sessions, by index."""

    profiles: list[Traffic]

    def add(self, traffics: Sequence[Traffic]) -> np.ndarray:
        start = len(self.profiles)
        self.profiles.extend(traffics)
        return np.arange(start, start + len(traffics))


def paid_campaign(
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


def profile_text(
    traffic: np.ndarray, profiles: list[Traffic], attribute: str
) -> pa.Array:
    values = [getattr(p, attribute) for p in profiles]
    vocabulary = [v or "" for v in values]
    present = np.array([v is not None for v in values])
    return vocab_text(np.where(present[traffic], traffic, -1), vocabulary)


def campaign_texts(world: World) -> list[str]:
    """utm_campaign / campaign_name vocabulary: campaign ids, then names."""
    return world.campaign_ids + [c.name for c in world.campaigns]


def utm_campaign(world: World, campaign: np.ndarray, by_name: np.ndarray) -> np.ndarray:
    """Code into _campaign_texts: the name mostly, the id sometimes."""
    must_name = np.array(
        [c.family in ("cross_network", "shopping") for c in world.campaigns] + [False]
    )[campaign]
    use_name = by_name | must_name
    return np.where(
        campaign < 0,
        -1,
        np.where(use_name, campaign + len(world.campaigns), campaign),
    )
