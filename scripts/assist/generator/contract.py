"""The raw contract in the generator's terms: tables, columns and value codes.

The columns of every raw table and the values of its enum columns come from
the project's one description of the raw contract (`assist.project
.raw_contract()`, read from the sources YAML). The simulation works with
integer codes; each code named here is the value's position in the contract's
list, looked up by name, so the written text always is a value of the
contract. The generator's own vocabularies (currencies) follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from assist.project import raw_contract


def words(names: str) -> tuple[str, ...]:
    return tuple(names.split())


# The raw tables of CONTRACT 1 with every column, in contract order.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table.name: tuple(column.name for column in table.columns)
    for table in raw_contract()
}
TABLES = tuple(TABLE_COLUMNS)


def allowed_values(table: str, column: str) -> tuple[str, ...]:
    """The values the raw contract allows in a column, in its order (empty:
    any value)."""
    for raw_table in raw_contract():
        for raw_column in raw_table.columns:
            if (raw_table.name, raw_column.name) == (table, column):
                return raw_column.values
    raise LookupError(f"the raw contract has no column {table}.{column}")


def enum_values(table: str, column: str) -> tuple[str, ...]:
    """The values of an enum column of the raw contract, in its order."""
    values = allowed_values(table, column)
    if not values:
        raise LookupError(f"{table}.{column} is not an enum of the raw contract")
    return values


def codes(values: Sequence[str], names: str) -> tuple[int, ...]:
    """The code (position in `values`) of each of the space-separated names."""
    missing = [name for name in names.split() if name not in values]
    if missing:
        raise LookupError(f"the raw contract lacks the values {missing}")
    return tuple(values.index(name) for name in names.split())


def by_code(values: Sequence[str], by_name: Mapping[str, float]) -> np.ndarray:
    """A number per code of `values` from a number per value name (others 0)."""
    codes(values, " ".join(by_name))
    return np.array([by_name.get(value, 0) for value in values])


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

# --- Enums of the raw contract -------------------------------------------------
CHANNELS = enum_values("message_events", "channel")
APP_PUSH, WEB_PUSH, IN_APP, EMAIL, SMS, KAKAO = codes(
    CHANNELS, "app_push web_push in_app email sms kakao"
)
EVENT_TYPES = enum_values("message_events", "event_type")
SEND, DELIVERY, IMPRESSION, OPEN, CLICK, DISMISS, BOUNCE, OPT_OUT = codes(
    EVENT_TYPES, "send delivery impression open click dismiss bounce opt_out"
)
PLATFORMS = enum_values("message_events", "platform")
IOS, ANDROID, WEB_PLATFORM = codes(PLATFORMS, "ios android web")
SALES_CHANNELS = enum_values("orders", "sales_channel")
SALE_APP, SALE_WEB, SALE_STORE, SALE_CALL_CENTER = codes(
    SALES_CHANNELS, "app web store call_center"
)
STATUSES = enum_values("orders", "status")
COMPLETED, REFUNDED, CANCELLED = codes(STATUSES, "completed refunded cancelled")
# Identifier types; each is also the name of the identifier column of a table.
ID_TYPES = enum_values("identity_links", "id_type_a")
ID_USER, ID_EMAIL, ID_DEVICE, ID_ANON = codes(
    ID_TYPES, "user_id email_hash device_id anonymous_id"
)
PURPOSES = enum_values("consents", "purpose")
ANALYTICS, MARKETING = codes(PURPOSES, "analytics marketing")
ASSIGNMENTS = enum_values("holdout_assignments", "assignment")
TREATMENT, CONTROL = codes(ASSIGNMENTS, "treatment control")
COST_CHANNELS = enum_values("costs", "channel")
# The channels a campaigns row may name (message channels; empty: any).
CAMPAIGN_CHANNELS = allowed_values("campaigns", "channel")

# --- The generator's own vocabulary: currencies and their base rates ---------
CURRENCIES = ("USD", "EUR", "KRW")
USD, EUR, KRW = range(3)
FX_BASE = {"EUR": 1.08, "KRW": 0.00073}
