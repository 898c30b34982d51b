"""Holdout experiments: the hook for causal lift, and its truth.

Push campaigns with a holdout keep a share of their audience as control users
(not sent the campaign); treatment users buy more in the window after
assignment by the campaign's true effect (extra sessions with a purchase).
The manifest records, per campaign, the realised rates per group and the true
lift. The settings are read at run time (`is_holdout`, `control_share`), so a
test may patch them on this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from assist.generator.contract import ASSIGNMENTS, CONTROL, TREATMENT
from assist.generator.defects import inject
from assist.generator.frames import APP, DAY, Context, Frame, pick_within, styles
from assist.generator.people import People, user_text
from assist.generator.render import enum_text, iso_text, timestamp_text, vocab_text
from assist.generator.sessions import HOLDOUT_EXTRA, LANDING, sessions_frame

if TYPE_CHECKING:
    from assist.generator.simulation import World

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


def is_holdout(campaign_id: str) -> bool:
    """Whether the campaign is a holdout experiment (HOLDOUT_TRUE_LIFT)."""
    return campaign_id in HOLDOUT_TRUE_LIFT


def control_share() -> float:
    """The share of a holdout campaign's audience kept as control users."""
    return HOLDOUT_CONTROL_SHARE


@dataclass
class Holdout:
    campaign: int
    campaign_id: str
    person: np.ndarray
    control: np.ndarray
    assigned_at: np.ndarray


def holdout_sessions(
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
        device = pick_within(rng, people.dev_first[person], people.dev_count[person])
        frames.append(
            sessions_frame(
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


def holdout_truth(
    world: World, holdouts: list[Holdout], purchases: Frame, sessions: Frame
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
            "assigned_at": iso_text(int(holdout.assigned_at[0]))
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
        result["treatment_converters_without_campaign"] = int(without[treated].sum())
        result["true_lift"] = (
            float(np.mean(converted[treated] & ~without[treated]))
            if treated.any()
            else None
        )
        world.holdout_truth[holdout.campaign_id] = result


def write_holdouts(world: World, holdouts: list[Holdout]) -> None:
    rng = world.ctx.rng
    frame: Frame = {
        "campaign": np.concatenate(
            [np.full(len(h.person), h.campaign) for h in holdouts]
        ).astype(np.int64),
        "user": np.concatenate([world.people.user_num[h.person] for h in holdouts]),
        "assignment": np.where(
            np.concatenate([h.control for h in holdouts]), CONTROL, TREATMENT
        ).astype(np.int8),
        "at": np.concatenate([h.assigned_at for h in holdouts]),
    }
    n = len(frame["at"])
    frame["style"], frame["ts_style"] = styles(rng, n)
    frame, defect, stats = inject(world, "holdout_assignments", frame, None, None)
    columns = {
        "campaign_id": vocab_text(frame["campaign"], world.campaign_ids),
        "user_id": user_text(frame["user"], world.widths),
        "assignment": enum_text(frame["assignment"], ASSIGNMENTS, frame["style"]),
        "assigned_at": timestamp_text(frame["at"], frame["ts_style"]),
    }
    world.writer.write("holdout_assignments", columns, defect, stats)
