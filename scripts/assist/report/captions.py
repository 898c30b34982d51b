"""The caption under each chart of the report, by chart name: the words of
the page in one place, apart from the code that lays it out."""

from __future__ import annotations

from functools import cache

# A chart's name, then its caption on the indented lines below it.
CAPTIONS = """
channel_assists
    A channel assists when it has a touch before the last one; assist ratio
    = assisted ÷ last-touch conversions (above 1: mostly an assisting
    channel).

model_comparison
    Fractional conversions each attribution model gives each channel;
    unattributed = conversions without an eligible touch.

top_paths
    Channel sequences of conversions, consecutive repeats collapsed.

time_lag
    Time lag: whole days from the first path touch to the conversion.

path_length
    Path length: eligible touches per conversion (0 = none: unattributed).

push_funnel
    Staged push events of every push campaign (an app push is engaged by an
    open, a web push by a click), and the conversions, of every type, whose
    last touch was one of their pushes.

campaign_conversions
    Purchases go to the single last-clicked campaign with purchase tracking
    on; custom events count for every clicked campaign that lists them (top
    15 campaigns).

holdout_lift
    Treatment minus control conversion rate within the holdout window;
    green/red: p < 0.05 (pooled two-proportion z-test).

markov_removal_effects
    Share of conversions lost when the channel is removed from the journeys
    (first-order Markov chain).
"""


@cache
def chart_caption(chart: str) -> str:
    """The caption of `chart` (its lines joined by single spaces)."""
    found: dict[str, str] = {}
    for block in CAPTIONS.strip().split("\n\n"):
        name, *lines = block.splitlines()
        found[name] = " ".join(line.strip() for line in lines)
    return found[chart]
