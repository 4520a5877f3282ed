"""The sandbox's own contract: level selection, environment allowlist, limits, guard, snapshot sensitivity."""
from __future__ import annotations

from pathlib import Path

import pytest
from sw_helpers import level_params, sh

from agents.core.errors import ToolError
from agents.software.sandbox import LEVELS, Limits, available_levels, isolation_level, run_command, safe_env
from agents.software.sandbox_guard import refuse_dangerous_git
from agents.software.sandbox_policy import policy_for
from agents.software.snapshot import checkout_snapshot


def test_level_selection_and_forcing(monkeypatch):
    monkeypatch.delenv("ROLEGRAPH_SANDBOX", raising=False)
    assert isolation_level() == LEVELS[available_levels()[0]]
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", "none")
    assert isolation_level() == "process-group only"
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", "docker")
    with pytest.raises(ToolError, match="not one of"):
        isolation_level()


@pytest.mark.parametrize("level", level_params())
def test_command_runs_in_cwd_with_rebuilt_env(level, monkeypatch, tmp_path):
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", level)
    monkeypatch.setenv("MY_SERVICE_TOKEN", "tok-CANARY")
    monkeypatch.setenv("UNLISTED_VAR", "unlisted-CANARY")
    result = run_command("pwd; env; echo $HOME; touch $HOME/ok && echo home-writable", cwd=tmp_path)
    assert result.exit_code == 0 and result.isolation == LEVELS[level]
    assert str(tmp_path) in result.output and "home-writable" in result.output
    assert "CANARY" not in result.output and "PATH=" in result.output


@pytest.mark.parametrize("level", level_params())
def test_limits_apply(level, monkeypatch, tmp_path):
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", level)
    small = Limits(file_size=1024 * 1024, processes=64)
    result = run_command("head -c 5000000 /dev/zero > f; wc -c < f; ulimit -f; ulimit -c", cwd=tmp_path, limits=small)
    assert result.output.split()[-3:] == ["1048576", "1024", "0"]  # ulimit -f counts 1 KiB blocks in bash


def test_only_bubblewrap_hides_network_and_host_processes(monkeypatch, tmp_path):
    if "bwrap" not in available_levels():
        pytest.skip("bubblewrap not installed")
    monkeypatch.setenv("ROLEGRAPH_SANDBOX", "bwrap")
    result = run_command("tail -n +3 /proc/net/dev | cut -d: -f1; ps -e -o pid= | wc -l; touch /usr/x", cwd=tmp_path)
    lines = [line.strip() for line in result.output.split("\n")]
    assert lines[0] == "lo" and int(lines[1]) <= 4 and "Read-only file system" in result.output


def test_policy_of_a_worktree_protects_the_common_dir(scene):
    policy = policy_for(scene.worktree.path)
    common = scene.repo / ".git"
    assert scene.worktree.path in policy.writable and scene.worktree.admin in policy.writable
    assert common / "objects" not in policy.writable and common in policy.readonly
    assert dict(policy.env)["GIT_OBJECT_DIRECTORY"] == str(scene.worktree.admin / "objects")


@pytest.mark.parametrize("command", ["git push origin main", "git stash drop", "git branch -D main", "cd x && git checkout main",
                                     "git -C /repo reset --hard", "GIT_DIR=/repo/.git git commit", "echo x > .git",
                                     "git update-ref refs/heads/main HEAD", "env git config user.name x"])
def test_guard_refuses_shared_state_git(command):
    with pytest.raises(ToolError, match="refused"):
        refuse_dangerous_git(command)


@pytest.mark.parametrize("command", ["git status", "git add -A && git commit -m x", "git diff HEAD", "cat .gitignore",
                                     "git reset --hard", "git log --oneline | head", "git branch"])
def test_guard_allows_worktree_git(command):
    refuse_dangerous_git(command)


@pytest.mark.parametrize("change", ["head", "index", "stash", "branch", "untracked", "ignored", "mode"])
def test_snapshot_detects_each_kind_of_change(scene, change):
    repo = scene.repo
    before = checkout_snapshot(repo)
    actions = {"head": ["git", "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "c"],
               "index": ["git", "add", "notes.txt"], "stash": ["git", "stash", "drop", "-q"],
               "branch": ["git", "branch", "-D", "feature"]}
    if change in actions:
        sh(repo, *actions[change])
    elif change == "mode":
        (repo / "app.py").chmod(0o755)
    else:
        (repo / ("notes.txt" if change == "untracked" else "debug.log")).write_text("changed\n")
    assert checkout_snapshot(repo) != before


def test_snapshot_is_read_only(scene):
    index = (scene.repo / ".git" / "index").read_bytes()
    assert checkout_snapshot(scene.repo) == checkout_snapshot(scene.repo)
    assert (scene.repo / ".git" / "index").read_bytes() == index
