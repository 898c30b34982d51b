"""One run of the simulation: what happens, in which order, and its state.

`World` holds what every table needs (the context, the persons, the
campaigns, identifier widths, the writer, the traffic books); `run()` draws
messages, sessions and their events, purchases, and writes each table as soon
as it is complete. The order of the steps is the order of the random draws,
so it fixes the data of a seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assist.generator.campaigns import Campaign, write_campaigns, write_costs
from assist.generator.events import write_app_events, write_web_events
from assist.generator.frames import Context, concat, sorted_by, take
from assist.generator.holdouts import holdout_sessions, holdout_truth, write_holdouts
from assist.generator.identities import write_consents, write_identity_links
from assist.generator.journeys import explode_sessions, logins, plan_sessions
from assist.generator.messages import (
    in_app_messages,
    make_sends,
    message_funnel,
    write_messages,
)
from assist.generator.orders import simulate_purchases, write_fx_rates, write_orders
from assist.generator.people import People, Widths
from assist.generator.sessions import landing_sessions, organic_sessions
from assist.generator.traffic import Traffic, TrafficBook
from assist.generator.writers import Writer


@dataclass
class World:
    """The state every table of a run reads (and the truths it records)."""

    ctx: Context
    people: People
    campaigns: list[Campaign]
    widths: Widths
    writer: Writer
    bad_row_rate: float
    web_book: TrafficBook = field(
        default_factory=lambda: TrafficBook([Traffic("direct", 0)])
    )
    app_book: TrafficBook = field(
        default_factory=lambda: TrafficBook([Traffic("none", 0)])
    )
    holdout_truth: dict[str, object] = field(default_factory=dict)
    shared_device_ids: list[str] = field(default_factory=list)

    @property
    def campaign_ids(self) -> list[str]:
        return [c.campaign_id for c in self.campaigns]


def run(world: World) -> None:
    """Simulates the period and writes every raw table."""
    ctx, people = world.ctx, world.people
    rng = ctx.rng
    world.writer.progress("messages and sessions")
    sends, holdouts = make_sends(ctx, people, world.campaigns)
    sends = sends.take(np.argsort(sends.at, kind="stable"))
    sends.message = np.arange(1, len(sends.person) + 1, dtype=np.int64)
    funnel = message_funnel(ctx, sends)

    web_book, app_book = world.web_book, world.app_book
    frames = organic_sessions(ctx, people, world.campaigns, web_book, app_book)
    frames += landing_sessions(ctx, people, sends, funnel, web_book, app_book)
    frames += holdout_sessions(ctx, people, holdouts)
    sessions = sorted_by(concat(frames), "start")
    keep = sessions["start"] < ctx.stop - 60
    sessions = take(sessions, np.flatnonzero(keep))
    plan = plan_sessions(ctx, people, sessions)

    in_app_sends, in_app_events, clicked_sessions = in_app_messages(
        ctx, sessions, world.campaigns
    )
    plan["coupon"][clicked_sessions] |= rng.random(len(clicked_sessions)) < 0.3
    in_app_sends.message = len(sends.person) + 1 + np.arange(len(in_app_sends.person))

    events = explode_sessions(ctx, sessions, plan)
    logins(world, sessions, events)
    write_messages(world, sends, funnel, in_app_sends, in_app_events)
    del funnel, in_app_events
    # The export holds what happened before the end of the period: later
    # events of the last sessions (and their purchases) are not in it.
    purchases = simulate_purchases(world, sessions, plan, events)
    write_app_events(world, sessions, plan, events, purchases)
    write_web_events(world, sessions, plan, events, purchases)
    del events
    write_orders(world, purchases)
    holdout_truth(world, holdouts, purchases, sessions)
    write_holdouts(world, holdouts)
    write_identity_links(world, sessions)
    write_consents(world)
    write_campaigns(world)
    write_costs(world)
    write_fx_rates(world)
