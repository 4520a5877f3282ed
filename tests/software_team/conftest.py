import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from team_repo import git  # noqa: E402


@pytest.fixture
def user_repo(tmp_path) -> Path:
    """A user's repo with a failing test, an untracked file, a stash entry and a second branch."""
    repo = tmp_path / "user-repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "user@example.com")
    git(repo, "config", "user.name", "User")
    (repo / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (repo / "test_calc.py").write_text("from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    (repo / "README.md").write_text("# calc\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "initial")
    git(repo, "branch", "feature")
    (repo / "notes.txt").write_text("stashed work")
    git(repo, "add", "notes.txt")
    git(repo, "stash", "-q")
    (repo / "scratch.txt").write_text("untracked, uncommitted user work\n")
    (repo / "calc.py").write_text("def add(a, b):\n    return a - b  # user is editing\n")
    return repo
