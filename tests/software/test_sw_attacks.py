"""Attack tool calls that try to escape the worktree or destroy the user's work, under every isolation level.

After each: the user's checkout, .git (minus what the run owns), remote, an unrelated dir and the fake home
are byte-identical; the run's trusted commit still lands on its own branch; no sandbox process survives;
output is clipped; the canary secret never appears. Refusal (ToolError) is an acceptable outcome.
"""
from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

from agents.core.errors import ToolError
from agents.software.attack_scene import BWRAP, CANARY, COMMANDS, CONFINED
from agents.software.sandbox import run_command
from agents.software.tools import RepoTools
from sw_helpers import level_params, live_sandbox_processes, make_scene, sh


@pytest.fixture(scope="module")
def scenes(tmp_path_factory):
    return {}


@pytest.fixture
def victim():
    proc = subprocess.Popen(["sleep", "777.9"])
    yield proc
    proc.kill()
    proc.wait()


@pytest.fixture
def listener():
    server = socket.create_server(("127.0.0.1", 0))
    yield server
    server.close()


@pytest.mark.parametrize("level", level_params())
@pytest.mark.parametrize("name,command,timeout_s,needs", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_attack_command(level, name, command, timeout_s, needs, scenes, tmp_path_factory, monkeypatch,
                        victim, listener):
    if needs in (CONFINED, BWRAP) and level == "none":
        pytest.skip("the process-group level does not confine the filesystem, signals or network (documented)")
    if needs == BWRAP and level != "bwrap":
        pytest.skip("Landlock cannot forbid chmod/chown of files the user owns (documented gap)")
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", level)
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    monkeypatch.setenv("GITHUB_TOKEN", CANARY)
    if level not in scenes:
        scenes[level] = make_scene(tmp_path_factory.mktemp(f"attack-{level}"))
    scene = scenes[level]
    monkeypatch.setenv("HOME", str(scene.home))
    tools = RepoTools(scene.worktree.path, clip=4000)
    args = dict(repo=scene.repo, outside=scene.outside, home=scene.home, admin=scene.worktree.admin,
                victim=victim.pid, port=listener.getsockname()[1])
    started = time.monotonic()
    try:
        output = tools.run(command.format(**args), timeout_s=timeout_s)
    except ToolError as refusal:
        output = f"refused: {refusal}"
    elapsed = time.monotonic() - started

    assert CANARY not in output
    assert len(output) < 4000 + 400, "output must be clipped"
    assert elapsed < timeout_s + 12, "the deadline (plus kill grace) bounds every command"
    assert live_sandbox_processes(scene.repo.parent) == [], "no process of the command may survive it"
    assert victim.poll() is None, "the command must not be able to signal processes outside"
    assert "CONNECTED" not in output
    scene.worktree.commit_all(f"after {name}")
    assert scene.fingerprint() == scene.before, f"{name} changed something outside the worktree"
    assert tools._git("symbolic-ref", "HEAD").strip() == f"refs/heads/{scene.worktree.branch}"
    if name == "flood-1gb":
        assert "[clipped 999,9" in output
    if name == "big-file":
        assert "File too large" in output


@pytest.mark.parametrize("level", [p for p in level_params() if p.values[0] != "none"])
def test_objects_git_wrote_in_the_sandbox_are_adopted_verified(level, scene, monkeypatch):
    """Sandboxed commits write to the run's object store; trusted code moves them into the user's store,
    so the run's branch is complete in the user's repo while the user's existing objects stay read-only."""
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", level)
    tools = RepoTools(scene.worktree.path)
    out = tools.run("echo new > added.txt && git add added.txt && git commit -qm 'model commit' && git rev-parse HEAD")
    tip = out.strip().splitlines()[-1]
    assert sh(scene.repo, "git", "cat-file", "-t", tip).strip() == "commit"
    assert sh(scene.repo, "git", "rev-parse", scene.worktree.branch).strip() == tip
    assert not any(p.is_file() for p in (scene.worktree.admin / "objects").rglob("*"))
    assert sh(scene.repo, "git", "fsck", "--no-dangling", "--connectivity-only") == ""
    assert scene.fingerprint() == scene.before


def test_sigterm_then_sigkill_exit_codes(monkeypatch):
    """A trapping command ends by SIGKILL after the grace period; a plain one by SIGTERM."""
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", "none")
    plain = run_command("sleep 1000.7", cwd=Path.cwd(), timeout_s=0.5, grace_s=0.3)
    trapped = run_command("trap '' TERM; sleep 1000.8 & wait; wait", cwd=Path.cwd(), timeout_s=0.5, grace_s=0.3)
    assert (plain.timed_out, plain.exit_code) == (True, 128 + signal.SIGTERM)
    assert trapped.timed_out and trapped.exit_code in (128 + signal.SIGTERM, 128 + signal.SIGKILL)
    assert live_sandbox_processes(Path.cwd()) == []
