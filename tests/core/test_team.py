import pytest

from agents.core import Budget, RunDir, Team, list_runs
from agents.core.errors import RunLockedError, UnknownRunError
from counting_team import build


def test_run_writes_checkpoint_trajectory_and_status(runs_dir):
    result = build(total=5).run({"n": 0, "log": []}, run_id="r1")
    assert result.status == "done" and result.state["n"] == 5
    assert result.state["log"] == [f"step {i}" for i in range(1, 6)]
    run = RunDir("r1", runs_dir)
    assert run.checkpoint.exists() and run.meta()["status"] == "done"
    kinds = [e["kind"] for e in run.events()]
    assert kinds.count("model_call") == 5 and kinds.count("step") == 10 and kinds[-1] == "status"
    assert result.usage["proposer"]["calls"] == 5


@pytest.mark.parametrize("limit", [1, 4, 7])
def test_step_budget_stops_with_its_status_and_overshoots_by_at_most_one(limit, runs_dir):
    result = build(total=50, max_steps=limit).run({"n": 0, "log": []}, run_id=f"b{limit}")
    assert result.status == "max_steps"
    assert limit <= result.steps <= limit + 1


def test_token_budget_and_time_budget_have_distinct_statuses():
    team = build(total=50)
    team.budget = Budget(max_tokens=30)
    assert team.run({"n": 0, "log": []}, run_id="tok").status == "max_tokens"
    team = build(total=50, delay=0.05)
    team.budget = Budget(max_seconds=0.2)
    assert team.run({"n": 0, "log": []}, run_id="time").status == "max_time"


def test_budget_stop_resumes_to_the_same_final_state(runs_dir):
    stopped = build(total=8, max_steps=5).run({"n": 0, "log": []}, run_id="again")
    assert stopped.status == "max_steps" and stopped.state["n"] < 8
    finished = build(total=8, max_steps=None).resume("again")
    reference = build(total=8).run({"n": 0, "log": []}, run_id="reference")
    assert finished.status == "done" and finished.state == reference.state


def test_stuck_detector_ends_a_run_repeating_itself():
    team = build(total=100)
    team.fingerprint = lambda node, state, update: ("noop", "same frame") if node == "apply" else None
    team.stuck_patience = 4
    result = team.run({"n": 0, "log": []}, run_id="stuck")
    assert result.status == "stuck" and result.state["n"] == 4 and result.steps == 8


def test_second_driver_of_the_same_run_is_refused(runs_dir):
    build(total=2).run({"n": 0, "log": []}, run_id="locked")
    holder = RunDir("locked", runs_dir)
    holder.lock()
    try:
        with pytest.raises(RunLockedError, match="already being driven by process"):
            build(total=2).resume("locked")
    finally:
        holder.unlock()


def test_unknown_run_is_a_clear_error():
    with pytest.raises(UnknownRunError, match="no run 'nope'"):
        build().resume("nope")


def test_list_runs_reports_statuses(runs_dir):
    build(total=2).run({"n": 0, "log": []}, run_id="a")
    build(total=9, max_steps=1).run({"n": 0, "log": []}, run_id="b")
    assert {r["run_id"]: r["status"] for r in list_runs(runs_dir)} == {"a": "done", "b": "max_steps"}


def test_configurable_carries_no_secrets(runs_dir, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-CANARY-team-0123456789")
    build(total=3).run({"n": 0, "log": []}, run_id="canary")
    blobs = b"".join(p.read_bytes() for p in (runs_dir / "canary").iterdir())
    assert b"sk-CANARY" not in blobs


def test_a_failing_run_still_gets_its_status_and_report(runs_dir):
    def explode(state):
        raise RuntimeError("the world caught fire")

    team = Team("fragile", dict).add_node("explode", explode)
    team.add_edge("__start__", "explode").add_edge("explode", "__end__")
    with pytest.raises(RuntimeError, match="caught fire"):
        team.run({"n": 0}, run_id="boom")
    run = RunDir("boom", runs_dir)
    assert run.meta()["status"] == "failed" and "caught fire" in run.meta()["message"]
    assert "caught fire" in (run.path / "report.html").read_text()
