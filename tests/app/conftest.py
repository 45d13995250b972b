"""AppTest fixtures for the pages: the app opened through app.py, then switched to a page.

The custom components (the frame player and the drawing canvas) do not render
under AppTest: they appear as unknown elements and return their defaults, so
the tests drive the state around them (session state, callbacks, pure helpers).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from hopfield_app import state

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
FIXTURES = ROOT / "tests" / "fixtures"
TIMEOUT = 60  # seconds per script run: a 256x256 run on a loaded 2-core machine


def open_page(page: str, *, memories: list | None = None, timeout: float = TIMEOUT) -> AppTest:
    """The app, started at Home, switched to ``page`` (a path like "pages/playground.py").

    ``memories`` (a list of `state.Memory`), when given, are put in the session
    before the switch; ``timeout`` is the limit in seconds of each script run.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    assert not at.exception, at.exception
    if memories is not None:
        at.session_state[state.MEMORIES] = memories
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def random_memories(count: int, grid: tuple[int, int] = (10, 10), seed: int = 0,
                    prefix: str = "m") -> list:
    """``count`` random bipolar memories on ``grid``, named prefix0, prefix1, ..."""
    rng = np.random.default_rng(seed)
    pats = (rng.integers(0, 2, size=(count, grid[0] * grid[1])) * 2 - 1).astype(np.int8)
    return [state.Memory(f"{prefix}{i}", p, grid) for i, p in enumerate(pats)]


@pytest.fixture
def playground() -> AppTest:
    """The Playground, freshly opened (no memories)."""
    from hopfield_app.playground import run as playground_run

    playground_run._simulate.clear()
    return open_page("pages/playground.py")


def memories(at: AppTest) -> list:
    return list(at.session_state["app.memories"])


def add_builtin(at: AppTest, name: str = "pictures", count: int = 5) -> AppTest:
    """Choose a built-in set and press "Add to memories"."""
    if at.session_state["playground.mem_source"] != "builtin":
        at.button_group(key="playground.mem_source").set_value("builtin")
        at.run()
    at.selectbox(key="playground.builtin").set_value(name)
    at.number_input(key="playground.builtin_count").set_value(count)
    at.run()
    at.button(key="playground.builtin_add").click()
    at.run()
    assert not at.exception, at.exception
    return at


def set_grid(at: AppTest, rows: int, cols: int) -> AppTest:
    """Type a grid size into the Playground's rows and columns, then run."""
    at.number_input(key="playground.rows").set_value(rows)
    at.number_input(key="playground.cols").set_value(cols)
    at.run()
    return at


def press_run(at: AppTest) -> AppTest:
    at.button(key="playground.run").click()
    at.run()
    assert not at.exception, at.exception
    return at


def texts(elements) -> str:
    """All the values of a list of elements, joined (for `in` assertions)."""
    return "\n".join(str(e.value) for e in elements)


def messages(at: AppTest) -> str:
    return "\n".join(texts(x) for x in (at.error, at.warning, at.info, at.success))
