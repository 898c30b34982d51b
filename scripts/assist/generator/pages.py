"""The shop's web pages: which page each web event is on, and its URLs.

Landing pages carry the session's UTM query string; referrers are the page
before (or the traffic's referrer on landing); paid landings carry a click id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assist.generator.contract import words
from assist.generator.journeys import EV
from assist.generator.render import id_text, vocab_text
from assist.generator.traffic import CHECKOUT, SHOP, campaign_texts

if TYPE_CHECKING:
    from assist.generator.simulation import World

CATEGORY_PATHS = words(
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


def page_of_events(
    name: np.ndarray, position: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """The page of each web event: landings, products, cart, checkout..."""
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
    for event, of_event in table.items():
        rows = name == EV[event]
        page[rows] = of_event[rows]
    return page


def page_urls(
    world: World, page: np.ndarray, traffic: np.ndarray, utm_campaign: np.ndarray
) -> pa.Array:
    """Landing pages carry their UTM query string."""
    texts = campaign_texts(world)
    profiles = world.web_book.profiles
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
    return vocab_text(inverse.reshape(-1), vocabulary)


def referrers(world: World, referrer_page: np.ndarray, traffic: np.ndarray) -> pa.Array:
    """The previous page, else the landing's traffic referrer, else null."""
    profiles = world.web_book.profiles
    vocabulary = [p.referrer or "" for p in profiles] + list(PAGES)
    has_referrer = np.array([p.referrer is not None for p in profiles])
    code = np.where(
        referrer_page >= 0,
        len(profiles) + referrer_page,
        np.where(has_referrer[traffic], traffic, -1),
    )
    return vocab_text(code, vocabulary)


def click_ids(world: World, session: np.ndarray, traffic: np.ndarray) -> pa.Array:
    """gclid / fbclid of paid landings (session -1: none)."""
    kinds = np.array(
        [{"gc": 1, "fb": 2}.get(p.click_id or "", 0) for p in world.web_book.profiles]
    )[traffic]
    numbers = np.where((kinds > 0) & (session >= 0), session * 7 + 1_000_000_000, -1)
    text = id_text("gclid.", numbers, 12)
    facebook = id_text("fbclid", numbers, 12)
    return pc.if_else(pa.array(kinds == 2), facebook, text)
