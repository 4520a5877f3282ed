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


def _blurb_server(body: dict):
    if "response_format" in body:
        return {"approve": "honest" in body["messages"][-1]["content"], "critique": "say it honestly"}
    tool_turns = [m for m in body["messages"] if m["role"] == "tool"]
    if not tool_turns and "critic said" not in body["messages"][-1]["content"]:
        from agents.testing import Reply

        return Reply(tool_calls=[("count_words", {"text": "A kettle that boils with sunlight."})])
    return "An honest kettle that boils water with sunlight." if "critic said" in body["messages"][-1]["content"] \
        else "A kettle that boils with sunlight."


def test_custom_team_loops_writer_and_critic_with_a_tool(cli_env):
    with FakeOpenAIServer(handler=_blurb_server) as srv:
        env = {**cli_env, "ROLEGRAPH_MODEL": "fake-model", "OPENAI_BASE_URL": srv.base_url}
        out = subprocess.run([sys.executable, str(ROOT / "examples" / "custom_team.py"), "solar kettle"], env=env,
                             capture_output=True, text=True, timeout=120)
        tool_results = [m for r in srv.requests for m in r.body.get("messages", []) if m["role"] == "tool"]
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "An honest kettle that boils water with sunlight."
    assert tool_results and tool_results[0]["content"] == "6"


def test_look_around_answers_three_questions_offline(cli_env):
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "look_around.py"), "3"], env=cli_env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert [l.split(":")[0].strip() for l in lines] == ["surroundings", "nearest", "time"]
    assert "tree" in lines[1] and lines[2].split(": ")[1].startswith("day")


def test_langgraph_json_graphs_load_and_compile(monkeypatch):
    """What `langgraph dev` loads: the debate (needs a model, never called here) and MP5 (offline brains)."""
    import json

    spec = json.loads((ROOT / "langgraph.json").read_text())
    assert set(spec["graphs"]) == {"debate", "mp5"}
    for name, ref in spec["graphs"].items():
        if name == "debate":
            monkeypatch.setenv("ROLEGRAPH_MODEL", "fake-model")
            monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        else:
            monkeypatch.delenv("ROLEGRAPH_MODEL")
            monkeypatch.delenv("OPENAI_BASE_URL")
        path, _, attr = ref.partition(":")
        graph = load_factory(f"{ROOT / path}:{attr}")()
        assert len(graph.get_graph().nodes) > 3, name
