"""Tool path confinement: every escape is refused with a ToolError, through every tool that takes a path."""
from __future__ import annotations

import os

import pytest
from sw_helpers import make_scene

from agents.core.errors import ToolError
from agents.software.tools import RepoTools

ESCAPES = [
    ("read_file", "../outside/secret.txt"),
    ("read_file", "{outside}/secret.txt"),
    ("read_file", "/etc/passwd"),
    ("read_file", "{repo}/app.py"),
    ("read_file", "sub/../../outside/secret.txt"),
    ("read_file", "link-dir/secret.txt"),
    ("read_file", "link-file"),
    ("read_file", ".git"),
    ("read_file", ".git/HEAD"),
    ("read_file", ".GIT/config"),
    ("read_file", "git-link/config"),
    ("read_file", "fifo"),
    ("read_file", "bad\0name"),
    ("read_file", "/dev/zero"),
    ("write_file", "../pwned.txt"),
    ("write_file", "/tmp/pwned.txt"),
    ("write_file", "{outside}/pwned.txt"),
    ("write_file", "link-dir/pwned.txt"),
    ("write_file", "link-dir/deeper/new/pwned.txt"),
    ("write_file", "link-file"),
    ("write_file", "dangling"),
    ("write_file", ".git"),
    ("write_file", ".git/hooks/pre-commit"),
    ("write_file", "sub/.git/config"),
    ("edit_file", "link-file"),
    ("list_dir", ".."),
    ("list_dir", "link-dir"),
    ("list_dir", ".git"),
    ("search", "/etc"),
    ("search", "link-dir"),
]


@pytest.fixture(scope="module")
def armed(tmp_path_factory):
    """One worktree (shared: every call below must fail without writing) with symlinks planted toward the
    outside, a link to .git and a FIFO."""
    scene = make_scene(tmp_path_factory.mktemp("paths"))
    wt = scene.worktree.path
    os.symlink(scene.outside, wt / "link-dir")
    os.symlink(scene.outside / "secret.txt", wt / "link-file")
    os.symlink(scene.outside / "not-yet.txt", wt / "dangling")
    os.symlink(".git", wt / "git-link")
    os.mkfifo(wt / "fifo")
    scene.before = scene.fingerprint()
    return scene


@pytest.mark.parametrize("tool,path", ESCAPES, ids=[f"{t}:{p}" for t, p in ESCAPES])
def test_escape_is_refused(armed, tool, path):
    tools = RepoTools(armed.worktree.path)
    path = path.format(outside=armed.outside, repo=armed.repo)
    calls = {"read_file": lambda: tools.read_file(path), "write_file": lambda: tools.write_file(path, "pwned"),
             "edit_file": lambda: tools.edit_file(path, "outside", "pwned"), "list_dir": lambda: tools.list_dir(path),
             "search": lambda: tools.search("root|secret", path)}
    with pytest.raises(ToolError) as err:
        calls[tool]()
    assert "refused" in str(err.value)
    assert "secret" not in str(err.value).replace(path, "")
    assert not (armed.outside / "pwned.txt").exists() and not (armed.outside / "not-yet.txt").exists()
    assert (armed.outside / "secret.txt").read_text() == "outside secret\n"
    assert armed.fingerprint() == armed.before


def test_symlink_inside_worktree_is_allowed(scene):
    wt = scene.worktree.path
    os.symlink("app.py", wt / "alias.py")
    tools = RepoTools(wt)
    assert "print('v2')" in tools.read_file("alias.py")
    assert tools.read_file(str(wt / "app.py")) == tools.read_file("app.py")


def test_over_long_names_are_refused_as_tool_errors(tmp_path):
    from agents.core.errors import ToolError
    from agents.software.paths import resolve_tool_path

    for path in ("a" * 256, "dir/" + "b" * 300 + "/x.py", "c/" * 2100):
        with pytest.raises(ToolError, match="longer than 255 bytes"):
            resolve_tool_path(tmp_path, path)
