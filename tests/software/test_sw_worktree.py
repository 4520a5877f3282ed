"""The run worktree: creation, idempotent resume after crashes at any point, bad repos, user checkout untouched."""
from __future__ import annotations

import shutil

import pytest
from sw_helpers import make_user_repo, sh

from agents.core.errors import UserInputError
from agents.software.snapshot import checkout_snapshot
from agents.software.tools import RepoTools
from agents.software.worktree import open_worktree


def test_creates_branch_from_head_without_touching_checkout(tmp_path):
    repo = make_user_repo(tmp_path)
    before = checkout_snapshot(repo)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert wt.branch == "rolegraph/r1" and wt.path == (tmp_path / "wts" / "r1").resolve()
    assert wt.base_commit == sh(repo, "git", "rev-parse", "HEAD").strip()
    assert (wt.path / "app.py").read_text() == "print('v2')\n"  # HEAD's content, not the dirty tree's
    assert not (wt.path / "notes.txt").exists()
    assert checkout_snapshot(repo) == before


def test_reopen_is_idempotent_and_keeps_work(tmp_path):
    repo = make_user_repo(tmp_path)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    (wt.path / "work.txt").write_text("in progress\n")
    again = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert again == wt and (again.path / "work.txt").read_text() == "in progress\n"
    assert sh(repo, "git", "worktree", "list").count("rolegraph/r1") == 1


def test_resume_after_worktree_dir_lost(tmp_path):
    repo = make_user_repo(tmp_path)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    (wt.path / "done.txt").write_text("committed\n")
    tip = wt.commit_all("step 1")
    shutil.rmtree(wt.path)
    again = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert (again.path / "done.txt").read_text() == "committed\n"
    assert sh(repo, "git", "rev-parse", "rolegraph/r1").strip() == tip
    assert again.base_commit == wt.base_commit


def test_resume_after_half_created_dir_sets_it_aside(tmp_path):
    repo = make_user_repo(tmp_path)
    stray = tmp_path / "wts" / "r1"
    stray.mkdir(parents=True)
    (stray / "leftover.txt").write_text("keep me\n")
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert (wt.path / "app.py").exists()
    aside = [p for p in (tmp_path / "wts").iterdir() if p.name.startswith("r1.stale-")]
    assert len(aside) == 1 and (aside[0] / "leftover.txt").read_text() == "keep me\n"


def test_resume_when_admin_dir_missing(tmp_path):
    repo = make_user_repo(tmp_path)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    shutil.rmtree(wt.admin)
    again = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert (again.path / "app.py").exists() and again.commit_all("noop") is None


def test_commit_all_commits_once(tmp_path):
    repo = make_user_repo(tmp_path)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    assert wt.commit_all("nothing") is None
    (wt.path / "new.py").write_text("x = 1\n")
    first = wt.commit_all("add new.py")
    assert first and wt.commit_all("add new.py") is None
    assert sh(repo, "git", "rev-list", "--count", f"{wt.base_commit}..rolegraph/r1").strip() == "1"
    assert "new.py" in wt.diff_stat()


def test_discard_removes_worktree_and_branch_only(tmp_path):
    repo = make_user_repo(tmp_path)
    before = checkout_snapshot(repo)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    (wt.path / "x.txt").write_text("x")
    wt.commit_all("x")
    wt.discard()
    assert not wt.path.exists()
    assert "rolegraph/r1" not in sh(repo, "git", "branch", "--list")
    assert checkout_snapshot(repo) == before


def test_session_of_tool_use_leaves_checkout_byte_identical(tmp_path):
    repo = make_user_repo(tmp_path)
    before = checkout_snapshot(repo)
    wt = open_worktree(repo, "r1", root=tmp_path / "wts")
    tools = RepoTools(wt.path, base=wt.base_commit)
    tools.write_file("pkg/mod.py", "def f():\n    return 1\n")
    tools.edit_file("app.py", "v2", "v3")
    tools.run("git status && git add -A && git commit -qm 'model commit' && git log --oneline | head -2")
    tools.read_file("app.py")
    tools.search("def", ".")
    wt.commit_all("finish")
    assert "pkg/mod.py" in tools.git_diff()
    assert checkout_snapshot(repo) == before


@pytest.mark.parametrize("case", ["missing", "file", "not-git", "empty-repo", "bad-run-id"])
def test_bad_repos_are_user_errors(tmp_path, case):
    target, run_id = tmp_path / "target", "r1"
    if case == "file":
        target.write_text("not a dir")
    elif case == "not-git":
        target.mkdir()
    elif case == "empty-repo":
        target.mkdir()
        sh(target, "git", "init", "-q")
    elif case == "bad-run-id":
        target = make_user_repo(tmp_path)
        run_id = "../escape"
    with pytest.raises(UserInputError) as err:
        open_worktree(target, run_id, root=tmp_path / "wts")
    assert "\n" not in str(err.value)
    if case != "bad-run-id":
        assert str(target) in str(err.value)
