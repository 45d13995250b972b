"""What an experiment of the Explore pages costs, decided before it starts.

The pages ask the app's one budget (:mod:`hopfield_app.budget`, the same rule for
every page of the server) in the terms of their own widgets: a range of loads, a
number of rules, noise levels, starts. Each check returns None when the experiment
may start, else the sentence to show, which names the settings to lower.
"""

from __future__ import annotations

from collections.abc import Sequence

import hopfield_core as hc
from hopfield_app import budget

__all__ = ["check_capacity", "check_basins", "check_attractors"]


def check_capacity(n_units: int, alpha_range: tuple[float, float], points: int,
                   rules: Sequence[str], trials: int) -> str | None:
    """None when the Capacity experiment may start, else what to change. ``rules``: the
    core's names of the rules compared (each costs at its own rate)."""
    loads = hc.load_grid(n_units, alpha_range[1], points, alpha_min=alpha_range[0])
    verdict = budget.check_capacity(n_units, loads.tolist(), trials=trials, rules=list(rules))
    return None if verdict.ok else verdict.message


def check_basins(n_units: int, n_patterns: int, levels: int, n_rules: int,
                 trials: int) -> str | None:
    """None when the Basins experiment may start, else what to change."""
    verdict = budget.check_basins(n_units, n_patterns, levels=levels, trials=trials,
                                  rules=n_rules)
    return None if verdict.ok else verdict.message


def check_attractors(n_units: int, n_patterns: int, starts: int) -> str | None:
    """None when the attractor search may start, else what to change."""
    verdict = budget.check_attractors(n_units, n_patterns, starts=starts)
    return None if verdict.ok else verdict.message
