"""`rolegraph team` as a user meets it: clear errors, a real HTTP model, kill -9 and resume to completion."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from agents.software.snapshot import checkout_snapshot
from agents.testing import FakeOpenAIServer, Reply
from team_repo import git

CANARY = "sk-CANARY-team-cli-5e8d2c"


def rolegraph(*args, env, timeout=180):
    return subprocess.run([sys.executable, "-m", "agents.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def oracle(body: dict):
    """A deterministic team member per role, computed from the request (so a resumed run gets the same answers)."""
    system = body["messages"][0]["content"]
    last = body["messages"][-1]
    if "You are the product owner" in system:
        return {"summary": "add must add", "requirements": ["add(2, 3) == 5"], "acceptance": []}
    if "You are the architect" in system:
        return {"files": ["calc.py"], "steps": ["use +"], "notes": ""}
    if "You are the programmer" in system:
        if last["role"] == "tool":
            return {"summary": "fixed add", "files_changed": ["calc.py"]}
        return Reply(tool_calls=[("edit_file", {"path": "calc.py", "old": "a - b", "new": "a + b"})])
    if "You are the tester" in system:
        return {"passed": True, "summary": "ok", "failures": []}
    if "You are the code reviewer" in system:
        return {"approve": True, "comments": []}
    return {"summary": "no docs needed", "files_changed": []}


@pytest.mark.parametrize("setup, words", [("plain_dir", "not a git repository"), ("empty_repo", "no commits")])
def test_bad_repos_are_one_line_errors(setup, words, tmp_path, cli_env):
    target = tmp_path / setup
    target.mkdir()
    if setup == "empty_repo":
        git(target, "init", "-q")
    out = rolegraph("team", "do it", "--repo", str(target), "--model", "m", "--base-url", "http://127.0.0.1:9/v1",
                    env=cli_env)
    assert out.returncode == 2 and words in out.stderr and out.stderr.count("\n") == 1, out.stderr


def test_unreachable_endpoint_is_a_one_line_error(user_repo, cli_env):
    with FakeOpenAIServer([]) as srv:
        url = srv.base_url
    out = rolegraph("team", "fix add", "--repo", str(user_repo), "--model", "m", "--base-url", url, env=cli_env)
    assert out.returncode == 17 and "cannot reach model endpoint" in out.stderr and "Traceback" not in out.stderr


def test_no_model_configured_says_so(user_repo, cli_env):
    out = rolegraph("team", "fix add", "--repo", str(user_repo), env=cli_env)
    assert out.returncode == 3 and "needs a model" in out.stderr


def test_killed_team_run_resumes_to_completion_and_leaks_no_key(user_repo, cli_env, runs_dir):
    before = checkout_snapshot(user_repo)
    with FakeOpenAIServer(handler=oracle, default_delay=0.4) as srv:
        env = {**cli_env, "OPENAI_API_KEY": CANARY}
        args = ["team", "fix add", "--repo", str(user_repo), "--model", "fake", "--base-url", srv.base_url]
        proc = subprocess.Popen([sys.executable, "-m", "agents.cli", *args], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(srv.requests) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        run_id = next(p.name for p in runs_dir.iterdir() if (p / "run.json").exists())
        assert json.loads((runs_dir / run_id / "run.json").read_text())["status"] == "running"
        out = rolegraph("resume", run_id, env=env)
        bodies = [r.raw for r in srv.requests]
    assert out.returncode == 0, out.stderr
    assert "a + b" in git(user_repo, "show", f"rolegraph/{run_id}:calc.py")
    assert json.loads((runs_dir / run_id / "run.json").read_text())["status"] == "done"
    assert checkout_snapshot(user_repo) == before
    assert not any(CANARY.encode() in b for b in bodies)
    assert sum(p.read_bytes().count(CANARY.encode()) for p in runs_dir.rglob("*") if p.is_file()) == 0
