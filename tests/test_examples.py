"""Every example runs, against FakeOpenAIServer where it needs a model; the debate graph's shape is snapshot-tested."""
import subprocess
import sys
from pathlib import Path

from agents.core.factory import load_factory
from agents.testing import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
CANARY = "sk-CANARY-7d3b1f0e9a2c4b6d"


def _debate_server(body: dict):
    if "response_format" in body:
        return {"winner": "con", "reason": "Dishes are a fine meditation."}
    side = "pro" if "pro debater" in body["messages"][0]["content"] else "con"
    return f"The {side} side insists, round {len(body['messages'][-1]['content']) % 7}."


def test_debate_runs_against_a_real_http_endpoint_and_leaks_no_key(cli_env, runs_dir):
    with FakeOpenAIServer(handler=_debate_server) as srv:
        env = {**cli_env, "ROLEGRAPH_MODEL": "fake-model", "OPENAI_BASE_URL": srv.base_url, "OPENAI_API_KEY": CANARY}
        out = subprocess.run([sys.executable, str(ROOT / "examples" / "debate.py"), "Robots", "should", "cook"],
                             env=env, capture_output=True, text=True, timeout=120)
        bodies = [r.raw for r in srv.requests]
    assert out.returncode == 0, out.stderr
    assert "verdict: con (Dishes are a fine meditation.)" in out.stdout
    assert len(bodies) == 5  # pro, con, pro, con, judge
    assert all(b"Robots should cook" in b for b in bodies)
    assert not any(CANARY.encode() in b for b in bodies)
    written = [p for p in runs_dir.rglob("*") if p.is_file()]
    assert any(p.name == "checkpoint.sqlite" for p in written)
    assert sum(p.read_bytes().count(CANARY.encode()) for p in written) == 0


def test_debate_graph_shape_snapshot(monkeypatch):
    monkeypatch.setenv("ROLEGRAPH_MODEL", "fake-model")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    team = load_factory(f"{ROOT / 'examples' / 'debate.py'}:build_team")()
    expected = (ROOT / "tests" / "snapshots" / "debate.mmd").read_text()
    assert team.mermaid() == expected


def test_examples_stay_short():
    for script in (ROOT / "examples").glob("*.py"):
        assert len(script.read_text().splitlines()) <= 40, script.name
