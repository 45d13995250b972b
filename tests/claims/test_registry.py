"""Every demo is a declaration with claims, and every claim names a test that exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from hopfield_app.demos import catalogue

ROOT = Path(__file__).resolve().parents[2]


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


@pytest.mark.parametrize("demo", catalogue.DEMOS, ids=lambda d: d.slug)
def test_every_demo_has_claims_each_paired_with_an_existing_test(demo):
    assert demo.claims, f"{demo.slug} states facts on screen but declares no claims"
    for claim in demo.claims:
        file, _, name = claim.test.partition("::")
        path = ROOT / file
        assert path.is_file(), f"{demo.slug}: claim test file {file} is missing"
        assert name in _tests_in(path), f"{demo.slug}: {claim.test} does not exist"


@pytest.mark.parametrize("demo", catalogue.DEMOS, ids=lambda d: d.slug)
def test_every_claim_test_of_a_demo_is_declared(demo):
    """The other way round: a claim test file's tests are all named by the demo's claims
    (so a test is never orphaned from the sentence it checks)."""
    files = {c.test.partition("::")[0] for c in demo.claims}
    assert len(files) == 1, f"{demo.slug}: claims should live in one file, got {files}"
    declared = {c.test.partition("::")[2] for c in demo.claims}
    assert _tests_in(ROOT / files.pop()) == declared


def test_slugs_unique_and_the_classic_sequence_is_numbered_in_order():
    assert len(set(catalogue.SLUGS)) == len(catalogue.SLUGS)
    orders = [d.order for d in catalogue.CLASSIC]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert catalogue.SLUGS[: len(catalogue.CLASSIC)] == tuple(d.slug for d in catalogue.CLASSIC)


@pytest.mark.parametrize("demo", catalogue.DEMOS, ids=lambda d: d.slug)
def test_every_scenario_is_consistent(demo):
    for sc in [demo.scenario()] + [builder() for _label, builder in demo.variants]:
        grid = sc.memories[0].grid
        n = grid[0] * grid[1]
        assert sc.probe.shape == (n,) and set(map(int, sc.probe)) <= {-1, 0, 1}
        assert all(m.pattern.shape == (n,) and set(map(int, m.pattern)) <= {-1, 1}
                   for m in sc.memories)
        assert sc.note and sc.title
    pattern, tgrid = demo.thumbnail()
    assert len(pattern) == tgrid[0] * tgrid[1]
