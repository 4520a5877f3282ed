"""The MP5 graph's shape (snapshot) and workflow memory reused across two runs."""
import json
from pathlib import Path

from agents.mp5.graph import build_mp5_team

SNAPSHOT = Path(__file__).resolve().parents[1] / "snapshots" / "mp5.mmd"


def test_graph_shape_snapshot():
    team = build_mp5_team("place a table", seed=1, record=False)
    assert team.mermaid() == SNAPSHOT.read_text()


def _workflow_rationales(runs_dir: Path, run_id: str) -> list[str]:
    lines = (runs_dir / run_id / "trajectory.jsonl").read_text().splitlines()
    return [e["rationale"] for e in map(json.loads, lines) if e["kind"] == "workflow"]


def test_successful_workflows_are_remembered_and_reused_by_the_next_run(runs_dir):
    first = build_mp5_team("place a table", seed=2, record=False).run({"task": "place a table"}, run_id="first")
    assert first.state["outcome"] == "success"
    assert not any("memory" in r for r in _workflow_rationales(runs_dir, "first"))
    second = build_mp5_team("place a table", seed=5, record=False).run({"task": "place a table"}, run_id="second")
    reused = [r for r in _workflow_rationales(runs_dir, "second") if "from memory" in r]
    assert second.state["outcome"] == "success" and reused
