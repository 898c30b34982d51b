"""The hostile raw data of the hardening tests: a generated data set with
every value-level defect injected (unparseable and out-of-range times,
unknown enums, formulas, a 1 MB field, raw e-mail addresses, mixed
timestamp offsets, reordered columns), and what staging must make of it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

FORMULA = "=cmd|' /C calc'!A0"
BIG_FIELD = "https://shop.example.com/p/" + "x" * (1024 * 1024)
SECRET = "hardening-canary-5f1e2d3c4b"
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A raw timestamp -> the UTC timestamp staging must give it (CONTRACT 1:
# ISO 8601, UTC when no offset is given).
TIMESTAMPS = {
    "hx_m_offset_plus": ("2026-10-30T10:00:00+09:00", "2026-10-30 01:00:00"),
    "hx_m_offset_minus": ("2026-10-30 10:00:00.5-05:30", "2026-10-30 15:30:00.5"),
    "hx_m_zulu_minutes": ("2026-10-30T10:00Z", "2026-10-30 10:00:00"),
    "hx_m_date_only": ("2026-10-30", "2026-10-30 00:00:00"),
    "hx_m_compact_offset": ("2026-10-30T10:00:00+0200", "2026-10-30 08:00:00"),
}
# The rows injected into the corrupted data set: (table, key) -> reason.
EXPECTED_REASONS = {
    ("message_events", "hx_m_missing_at"): "missing_required",
    ("message_events", "hx_m_words"): "unparseable",
    ("message_events", "hx_m_month_13"): "unparseable",
    ("message_events", "hx_m_epoch"): "unparseable",
    ("message_events", "hx_m_us_format"): "unparseable",
    ("message_events", "hx_m_channel"): "unknown_enum",
    ("message_events", "hx_m_1999"): "timestamp_out_of_range",
    ("message_events", "hx_m_2099"): "timestamp_out_of_range",
    ("message_events", "hx_m_no_id"): "no_identifier",
    ("message_events", "hx_m_zulu_minutes"): "conflicting_duplicate",
    ("app_events", "hx_a_infinite"): "unparseable",
    ("app_events", "hx_a_nan"): "unparseable",
    ("app_events", "hx_a_thousands"): "unparseable",
    ("app_events", "hx_a_negative"): "negative_revenue",
    ("app_events", "hx_a_currency"): "unknown_currency",
    ("orders", "hx_o_no_id"): "no_identifier",
    ("orders", "hx_o_status"): "unknown_enum",
}


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(2**31 - 1)  # the 1 MB field
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)


def corrupt(data: Path) -> str:
    """Injects every value-level defect; returns the user whose analytics
    consent is withdrawn."""
    columns, rows = read_rows(data / "message_events.csv")
    base = next(row for row in rows if row["user_id"] and row["event_type"] == "click")
    clicks: dict[str, int] = {}
    for row in rows:
        if row["user_id"]:
            clicks[row["user_id"]] = clicks.get(row["user_id"], 0) + 1
    withdrawn = max(sorted(clicks), key=lambda user: clicks[user])

    def message(event_id: str, **values: str) -> dict[str, str]:
        return {**base, "event_id": event_id, **values}

    injected = [
        message("hx_m_missing_at", event_at=""),
        message("hx_m_words", event_at="yesterday at noon"),
        message("hx_m_month_13", event_at="2026-13-45T00:00:00"),
        message("hx_m_epoch", event_at="1793318400"),
        message("hx_m_us_format", event_at="10/30/2026 10:00"),
        message("hx_m_channel", channel="carrier_pigeon"),
        message("hx_m_1999", event_at="1999-12-31T23:59:59Z"),
        message("hx_m_2099", event_at="2099-01-01T00:00:00"),
        message("hx_m_no_id", device_id="", anonymous_id="", user_id="", email_hash=""),
        message("hx_m_formula", campaign_id=FORMULA, message_id="=1+1"),
        *(message(event_id, event_at=raw) for event_id, (raw, _) in TIMESTAMPS.items()),
        # Identical to hx_m_offset_plus: a duplicate; hx_m_zulu_minutes again
        # with other content and a later time: a conflicting duplicate.
        message("hx_m_offset_plus", event_at=TIMESTAMPS["hx_m_offset_plus"][0]),
        message("hx_m_zulu_minutes", event_at="2026-10-30T11:00Z", channel="sms"),
    ]
    write_rows(data / "message_events.csv", columns, rows + injected)

    # app_events: columns reversed, upper-case header names, an extra column
    # full of formulas; numbers that must not parse.
    columns, rows = read_rows(data / "app_events.csv")
    sale = next(row for row in rows if row["revenue"])

    def app(event_id: str, **values: str) -> dict[str, str]:
        return {**sale, "event_id": event_id, "order_id": "", **values}

    rows += [
        app("hx_a_infinite", revenue="1e400"),
        app("hx_a_nan", revenue="NaN"),
        app("hx_a_thousands", revenue="1,000.00"),
        app("hx_a_negative", revenue="-5"),
        app("hx_a_currency", revenue="5", currency="XYZ"),
    ]
    for row in rows:
        row["internal_note"] = FORMULA
    reordered = ["internal_note", *reversed(columns)]
    renamed = {name: name.upper() for name in reordered}
    write_rows(
        data / "app_events.csv",
        [renamed[name] for name in reordered],
        [{renamed[key]: value for key, value in row.items()} for row in rows],
    )

    # web_events: a 1 MB field, a formula, quotes and a line break in a value.
    columns, rows = read_rows(data / "web_events.csv")
    visit = next(row for row in rows if row["anonymous_id"])
    rows += [
        {**visit, "event_id": "hx_w_big", "page_url": BIG_FIELD},
        {**visit, "event_id": "hx_w_formula", "utm_campaign": FORMULA},
        {**visit, "event_id": "hx_w_quotes", "referrer_url": 'say "hi",\nbye'},
    ]
    write_rows(data / "web_events.csv", columns, rows)

    # orders: a raw `email` column (hashed in staging, never stored).
    columns, rows = read_rows(data / "orders.csv")
    for number, row in enumerate(rows):
        row["email"] = f" Buyer.{number}@Example.COM "
    order = rows[0]
    rows += [
        {
            **order,
            "order_id": "hx_o_no_id",
            "user_id": "",
            "email_hash": "",
            "device_id": "",
            "anonymous_id": "",
            "email": "",
        },
        {**order, "order_id": "hx_o_status", "status": "shipped"},
        {**order, "order_id": "hx_o_email", "email_hash": "", "user_id": ""},
    ]
    write_rows(data / "orders.csv", [*columns, "email"], rows)

    # consents: the withdrawal, and a boolean that does not parse.
    columns, rows = read_rows(data / "consents.csv")
    rows += [
        {
            "id_type": "user_id",
            "id": withdrawn,
            "purpose": "analytics",
            "granted": "false",
            "updated_at": "2026-11-01T23:59:59Z",
        },
        {
            "id_type": "user_id",
            "id": "hx_c_maybe",
            "purpose": "analytics",
            "granted": "maybe",
            "updated_at": "2026-11-01T00:00:00",
        },
    ]
    write_rows(data / "consents.csv", columns, rows)
    return withdrawn
