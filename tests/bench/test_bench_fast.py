"""Fast versions of the reliability benchmarks (bench/*.py print the full figures)."""
import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_llm_faults_are_all_handled_bounded_and_hang_free():
    figures = _load("llm_faults").run_trials(runs=30, fault_rate=0.3, seed=7)
    assert figures["unhandled"] == 0 and figures["hangs"] == 0
    assert 1 <= figures["max_requests_per_call"] <= 3
    assert figures["statuses"].get("done", 0) > 0 and len(figures["statuses"]) > 1


def test_bad_input_gets_one_clear_line_and_writes_nothing():
    summary, rows = _load("bad_input").run_catalogue()
    bad = [r for r in rows if not r["clear"] or r["written"] or r["traceback"]]
    assert not bad, bad
    assert summary["cases"] >= 20


def test_resume_after_sigkill_matches_uninterrupted_runs():
    import random

    bench = _load("resume_kill")
    rng = random.Random(3)
    for kind, seed in (("team", 1), ("mp5", 21)):
        row = bench.one_run(kind, seed, 2, rng, length=600)
        assert row["kills"] >= 1, row
        assert row["exact"] and row["lost_steps"] == 0 and row["duplicates"] == 0, row


def test_crafter_deaths_attributes_every_lost_health_point():
    """A player that only waits dies (hunger, thirst, zombies at night); every point of health it loses is
    attributed to a source, and crafter's classes are restored afterwards."""
    from crafter import objects

    module = _load("crafter_deaths")
    before = objects.Zombie.update
    row = module.replay(seed=5, actions="a" * 10000, last=6)
    assert objects.Zombie.update is before
    assert row["dead"] and row["steps"] == 10000 and row["cause"] != "-"
    assert sum(lost for _, _, lost, _ in row["losses"]) >= 9  # from full health to zero, regeneration aside
    assert {source.split("(")[0] for _, source, _, _ in row["losses"]} <= {
        "zombie", "arrow", "lava", "food", "drink", "energy", "food+drink", "food+energy", "drink+energy",
        "food+drink+energy", "needs"}


def test_crafter_trace_labels_every_world_step_and_restores_the_adapter():
    """A short MP5 episode: one row per world step the team took, each labelled with a known skill or reflex (or
    "other"), and CrafterEnv.step and the runs directory setting are as before afterwards."""
    import os

    from environments.crafter import CrafterEnv

    module = _load("crafter_trace")
    before, runs_dir = CrafterEnv.step, os.environ.get("ROLEGRAPH_RUNS_DIR")
    rows, actions = module.episode(seed=1, length=300)
    assert CrafterEnv.step is before and os.environ.get("ROLEGRAPH_RUNS_DIR") == runs_dir
    assert len(rows) == len(actions) > 0
    assert {label for _, label, _, _ in rows} <= set(module.LABELS) | {"other"}
    assert {stage for stage, _, _, _ in rows} <= {"before", "search", "after"}
    assert [module.phase(s) for s in (0, 60, 120, 200, 280)] == ["dawn", "day", "dusk", "night", "dawn"]
