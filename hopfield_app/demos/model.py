"""What a lecture demo is: a declaration the Demos page, the Playground and the tests read.

A :class:`Demo` holds everything a demo says and does: its title and texts
(:class:`DemoText`: look at, what it teaches, now try), its scenario for the
Playground, a pure ``compute`` function (numpy + core, fixed seeds) whose result
its ``view`` draws on the Demos page, and its :class:`Claim` list -- every sentence
on screen that states a fact, each paired with the test that re-runs it over many
seeds and update orders (``tests/claims/``). One entry module per demo lives in
:mod:`hopfield_app.demos.entries`; :mod:`hopfield_app.demos.catalogue` finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from hopfield_app.state import Scenario

__all__ = ["Claim", "Demo", "DemoText"]


@dataclass(frozen=True)
class DemoText:
    """What a lecturer says about a demo: look at, it teaches, now try."""

    look: str
    teaches: str
    now_try: str

    def note(self) -> str:
        """The markdown the Playground shows under a demo's run."""
        return (f"**Look at:** {self.look}\n\n**What it teaches:** {self.teaches}\n\n"
                f"**Now try:** {self.now_try}")


@dataclass(frozen=True)
class Claim:
    """One statement on screen and the test that re-checks it.

    ``says`` quotes (or closely paraphrases) the words; ``test`` is a pytest node id
    relative to the repository (``tests/claims/test_<slug>.py::test_...``) that
    re-runs the claim over at least 20 seeds and update orders and asserts the
    frequency the words imply ("always", "usually", "in about half").
    """

    says: str
    test: str


@dataclass(frozen=True)
class Demo:
    """One lecture demo, declared as data.

    ``scenario`` builds what "Open in Playground" queues; ``variants`` are extra
    Playground set-ups (label, builder); ``thumbnail`` returns ``(pattern, grid)``
    for the gallery card; ``compute`` returns the demo's results (pure, cached by the
    page) and ``view(data)`` draws them; ``group`` is "classic" for the lecture
    sequence or "sources" for the source documents replayed as their authors ran them.
    """

    slug: str
    order: int  # position in the gallery and in the lecture sequence
    title: str
    short: str  # for the navigation pills
    teaser: str
    text: DemoText
    scenario: Callable[[], Scenario]
    thumbnail: Callable[[], tuple[np.ndarray, tuple[int, int]]]
    compute: Callable[[], dict[str, Any]]
    view: Callable[[dict[str, Any]], None]
    claims: tuple[Claim, ...] = ()
    variants: tuple[tuple[str, Callable[[], Scenario]], ...] = ()
    group: str = "classic"
    source: str = ""  # for group "sources": the document it replays
