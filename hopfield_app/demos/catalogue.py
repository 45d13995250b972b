"""The catalogue of lecture demos: every module in :mod:`hopfield_app.demos.entries`.

Each entry module declares one ``DEMO`` (:class:`~hopfield_app.demos.model.Demo`);
this module finds them, orders them by ``Demo.order`` and looks them up by slug.
Adding a demo is a new entry module plus its claim tests -- nothing here changes.
"""

from __future__ import annotations

import importlib
import pkgutil

from hopfield_app.demos import entries
from hopfield_app.demos.model import Claim, Demo, DemoText

__all__ = ["Claim", "Demo", "DemoText", "DEMOS", "SLUGS", "CLASSIC", "SOURCES", "get"]


def _discover() -> tuple[Demo, ...]:
    found = []
    for info in pkgutil.iter_modules(entries.__path__):
        module = importlib.import_module(f"{entries.__name__}.{info.name}")
        demo = getattr(module, "DEMO", None)
        if isinstance(demo, Demo):
            found.append(demo)
    slugs = [d.slug for d in found]
    if len(set(slugs)) != len(slugs):
        raise RuntimeError(f"two demo entries share a slug: {sorted(slugs)}")
    return tuple(sorted(found, key=lambda d: (d.group != "classic", d.order, d.slug)))


DEMOS: tuple[Demo, ...] = _discover()
SLUGS: tuple[str, ...] = tuple(d.slug for d in DEMOS)
CLASSIC: tuple[Demo, ...] = tuple(d for d in DEMOS if d.group == "classic")
SOURCES: tuple[Demo, ...] = tuple(d for d in DEMOS if d.group == "sources")
_BY_SLUG = {d.slug: d for d in DEMOS}


def get(slug: str | None) -> Demo | None:
    """The demo called ``slug``, or ``None`` for an unknown or missing name."""
    return _BY_SLUG.get(slug or "")
