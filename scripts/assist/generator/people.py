"""The simulated persons: personas, accounts, devices, cookies and emails.

Each person has a persona (app user, web-only, cross-device, store shopper,
dormant), maybe an account (user_id) with its login times, app devices and
browser cookies, message opt-ins and an email address (hashed). A few devices
are shared by several users (family tablets, store kiosks). The identifier
texts of persons, devices and cookies are rendered here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

from assist.generator.contract import (
    ANDROID,
    APP_PUSH,
    EMAIL,
    IOS,
    KAKAO,
    KRW,
    SMS,
    WEB_PUSH,
)
from assist.generator.frames import APP, NEVER, Context, choice, lookup
from assist.generator.render import arrow_strings, id_text

# --- Personas ----------------------------------------------------------------
# app_user, web_only, cross_device, store_shopper, dormant (mostly messages).
PERSONA_SHARE = (0.22, 0.28, 0.25, 0.10, 0.15)
P_KNOWN = np.array([0.85, 0.35, 0.95, 1.0, 0.60])  # has a user_id (logs in)
P_APP = np.array([1.0, 0.0, 1.0, 0.5, 0.3])
P_WEB = np.array([0.12, 1.0, 1.0, 0.6, 0.6])
APP_SESSIONS_30D = np.array([3.3, 0.0, 2.0, 1.0, 0.4])  # per app person
WEB_SESSIONS_30D = np.array([1.0, 2.4, 1.7, 1.0, 0.4])  # per web person
STORE_ORDERS_30D = np.array([0.05, 0.0, 0.08, 1.4, 0.03])  # per known person


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

    def user_at(self, person: np.ndarray, at: np.ndarray, platform: int) -> np.ndarray:
        """The user number carried by a row of this platform at that time."""
        login = self.app_login if platform == APP else self.web_login
        present = at >= login[person]
        return np.where(present, self.user_num[person], -1)


def _platforms(rng: np.random.Generator, n: int, android: float) -> np.ndarray:
    """Platform codes of n devices: Android with that probability, else iOS."""
    return np.where(rng.random(n) < android, ANDROID, IOS).astype(np.int8)


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


def make_people(ctx: Context, n: int) -> People:
    rng = ctx.rng
    persona = choice(rng, n, PERSONA_SHARE).astype(np.int8)
    known = rng.random(n) < P_KNOWN[persona]
    has_app = rng.random(n) < P_APP[persona]
    has_web = rng.random(n) < P_WEB[persona]
    nothing = ~has_app & ~has_web
    has_web |= nothing  # everyone can at least be seen on the web
    user_num = np.full(n, -1, dtype=np.int64)
    user_num[known] = rng.permutation(int(known.sum())) + 1
    currency = choice(rng, n, (0.85, 0.12, 0.03)).astype(np.int8)

    dev_count = np.where(has_app, 1 + (rng.random(n) < 0.2), 0).astype(np.int64)
    dev_first = np.cumsum(dev_count) - dev_count
    device_person = np.repeat(np.arange(n), dev_count)
    device_num = rng.permutation(len(device_person)) + 1
    device_platform = _platforms(rng, len(device_person), 0.55)

    anon_count = np.where(has_web, 1 + choice(rng, n, (0.55, 0.30, 0.15)), 0)
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
    domain = choice(rng, n, (0.6, 0.3, 0.1))
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


def add_shared_devices(ctx: Context, people: People) -> None:
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
        [people.device_platform, _platforms(rng, len(sizes), 0.5)]
    )
    people.shared_devices = shared
    bounds = np.cumsum(sizes)[:-1]
    people.shared_users = list(np.split(users, bounds))


@dataclass
class Widths:
    user: int
    device: int
    anon: int
    message: int
    session: int
    order: int


def user_text(nums: np.ndarray, widths: Widths) -> pa.Array:
    return id_text("u", nums, widths.user)


def device_text(index: np.ndarray, people: People, widths: Widths) -> pa.Array:
    return id_text("d", lookup(people.device_num, index), widths.device)


def anon_text(index: np.ndarray, people: People, widths: Widths) -> pa.Array:
    return id_text("a", lookup(people.anon_num, index), widths.anon)


def hash_text(person: np.ndarray, upper: np.ndarray, people: People) -> pa.Array:
    """Email hashes of persons (-1: null); upper-cased where asked."""
    rows = np.flatnonzero(person >= 0)
    matrix = people.emails[person[rows]]
    flip = upper[rows]
    if flip.any():
        part = matrix[flip]
        part[part >= ord("a")] -= 32
        matrix[flip] = part
    return arrow_strings(len(person), matrix, rows if len(rows) < len(person) else None)
