"""Cost checks decided before computing (hopfield_app.budget): defaults pass, the
unbounded cases of issue 13 are refused, and every suggested change really fits."""

from __future__ import annotations

import re

import pytest

import hopfield_core as hc
from hopfield_app import budget


def _number_after(text: str, words: str) -> float:
    match = re.search(re.escape(words) + r" ([\d,.]+)", text)
    assert match, f"no {words!r} in {text!r}"
    return float(match.group(1).replace(",", "").rstrip("."))


# ----------------------------------------------------------------------------- Playground


@pytest.mark.parametrize("grid", [(16, 16), (32, 32), (64, 64), (128, 128), (256, 256)])
def test_the_default_playground_run_fits_at_every_grid(grid: tuple[int, int]) -> None:
    n = grid[0] * grid[1]
    verdict = budget.check_run(n, 10, steps=20, frames_per_sweep=16, mode="async")
    assert verdict.ok, verdict.message
    assert verdict.message == ""


def test_the_issue_run_is_refused_before_computing_with_what_to_change() -> None:
    """128x128 stochastic, 500 steps at 64 frames per sweep spent 17 s and then failed."""
    verdict = budget.check_run(128 * 128, 10, steps=500, frames_per_sweep=64, mode="stochastic")
    assert not verdict.ok
    assert verdict.bytes == (500 * 64 + 1) * 128 * 128
    assert "32,001 frames" in verdict.message
    assert "Steps to" in verdict.message and "frames per sweep" in verdict.message


def test_the_suggested_steps_fit_and_one_more_does_not() -> None:
    n = 128 * 128
    verdict = budget.check_run(n, 10, steps=500, frames_per_sweep=64, mode="stochastic")
    steps = int(_number_after(verdict.message, "lower Steps to"))
    assert budget.check_run(n, 10, steps=steps, frames_per_sweep=64, mode="stochastic").ok
    assert not budget.check_run(n, 10, steps=steps + 1, frames_per_sweep=64,
                                mode="stochastic").ok


def test_the_suggested_frame_rate_fits() -> None:
    n = 256 * 256
    verdict = budget.check_run(n, 5, steps=40, frames_per_sweep=64, mode="async")
    assert not verdict.ok
    per = int(re.search(r"choose (\d+) frames per sweep", verdict.message).group(1))
    assert per < 64
    assert budget.check_run(n, 5, steps=40, frames_per_sweep=per, mode="async").ok


def test_a_synchronous_run_records_one_frame_per_step() -> None:
    assert budget.run_frames(500, 64, "sync") == 501
    assert budget.run_frames(500, 64, "async") == 32_001
    assert budget.check_run(128 * 128, 10, steps=500, frames_per_sweep=64, mode="sync").ok


def test_many_memories_make_a_long_run_too_slow_and_the_message_says_so() -> None:
    verdict = budget.check_run(256 * 256, 100, steps=500, frames_per_sweep=1, mode="stochastic")
    assert not verdict.ok
    assert "lower Steps to" in verdict.message
    steps = int(_number_after(verdict.message, "lower Steps to"))
    assert budget.check_run(256 * 256, 100, steps=steps, frames_per_sweep=1,
                            mode="stochastic").ok


@pytest.mark.parametrize("bad", [0, -3, "x", None])
def test_nonsense_sizes_are_refused_with_a_message(bad) -> None:
    with pytest.raises(ValueError, match="steps"):
        budget.check_run(100, 3, steps=bad, frames_per_sweep=4, mode="async")


# ----------------------------------------------------------------------------- experiments


def test_the_capacity_page_defaults_fit() -> None:
    """N = 100, loads 0.02-0.4 in 20 values, 10 trials, three rules."""
    loads = hc.load_grid(100, 0.4, 20, alpha_min=0.02)
    verdict = budget.check_capacity(100, loads, trials=10, rules=3)
    assert verdict.ok, verdict.message
    assert verdict.seconds < 5


def test_the_heaviest_capacity_the_widgets_allow_is_refused_and_the_fixes_fit() -> None:
    loads = hc.load_grid(1024, 1.0, 40, alpha_min=0.01)
    verdict = budget.check_capacity(1024, loads, trials=50, rules=5)
    assert not verdict.ok
    assert "hours" in verdict.message or "minutes" in verdict.message
    assert "lower the largest load to P/N =" in verdict.message or "smaller N" in verdict.message
    if "lower the largest load" in verdict.message:
        top = _number_after(verdict.message, "lower the largest load to P/N =")
        smaller = [p for p in loads if p <= top * 1024]
        fixed = budget.check_capacity(1024, smaller, trials=50, rules=5)
        assert fixed.ok or fixed.seconds < 1.1 * budget.EXPERIMENT_SECONDS_LIMIT


def test_capacity_names_the_most_trials_that_fit() -> None:
    loads = hc.load_grid(1024, 0.4, 20, alpha_min=0.02)
    verdict = budget.check_capacity(1024, loads, trials=50, rules=1)
    assert not verdict.ok
    trials = int(_number_after(verdict.message, "lower Trials per load to"))
    assert 1 <= trials < 50
    assert budget.check_capacity(1024, loads, trials=trials, rules=1).ok
    assert not budget.check_capacity(1024, loads, trials=trials + 1, rules=1).ok


def test_the_basins_page_defaults_fit_and_a_huge_one_does_not() -> None:
    assert budget.check_basins(100, 10, levels=11, trials=10, rules=3).ok
    verdict = budget.check_basins(1024, 819, levels=31, trials=50, rules=5)
    assert not verdict.ok
    trials = _number_after(verdict.message, "lower Trials to") if "Trials" in verdict.message \
        else None
    assert trials is None or budget.check_basins(1024, 819, levels=31, trials=int(trials),
                                                 rules=5).ok
    assert "P/N" in verdict.message or "smaller N" in verdict.message


def test_attractors_names_the_most_starts_that_fit() -> None:
    assert budget.check_attractors(32 * 32, 10, starts=2000).ok
    verdict = budget.check_attractors(256 * 256, 100, starts=2000)
    assert not verdict.ok
    starts = int(_number_after(verdict.message, "lower Random starts to"))
    assert budget.check_attractors(256 * 256, 100, starts=starts).ok
    assert not budget.check_attractors(256 * 256, 100, starts=starts + 1).ok


def test_a_verdict_is_truthy_exactly_when_ok() -> None:
    assert budget.check_attractors(100, 3, starts=20)
    assert not budget.check_attractors(65536, 1000, starts=2000)


def test_the_lecture_capacity_curve_at_n_1024_may_start():
    """The curve the theory line is about: N = 1024, Hebbian + Storkey + pseudo-inverse,
    20 loads up to P/N = 0.4, 10 trials (about 55 s on a quiet reference machine)."""
    import hopfield_core as hc

    loads = hc.load_grid(1024, 0.4, 20).tolist()
    rules = ["hebbian", "storkey", "pseudoinverse"]
    verdict = budget.check_capacity(1024, loads, trials=10, rules=rules)
    assert verdict.ok and 40 < verdict.seconds <= budget.EXPERIMENT_SECONDS_LIMIT
    # each rule at its own rate: the exponential kernel costs more than the projection
    slow = budget.check_capacity(1024, loads, trials=10, rules=["exponential"]).seconds
    fast = budget.check_capacity(1024, loads, trials=10, rules=["pseudoinverse"]).seconds
    assert slow > 5 * fast
    # a count is charged at the slowest rule
    assert budget.check_capacity(1024, loads, trials=10, rules=1).seconds == pytest.approx(slow)
    assert not budget.check_capacity(1024, loads, trials=50, rules=rules + ["exponential"]).ok


def test_the_app_runs_blas_on_one_thread_even_when_imported_first():
    """app.py imports hopfield_app before anything has loaded numpy; the one-BLAS-thread
    limit must still hold (BLAS threads under the experiments' threads cost 3x)."""
    import ast
    import subprocess
    import sys
    from pathlib import Path

    code = ("import hopfield_app\n"
            "from threadpoolctl import threadpool_info\n"
            "blas = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
            "print(blas)\n")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True, env={"PATH": "/usr/bin:/bin",
                                                     "PYTHONPATH": str(root)}).stdout
    threads = ast.literal_eval(out)
    assert threads and all(t == 1 for t in threads), out
