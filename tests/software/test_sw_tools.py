"""Each repo tool's behaviour and errors, clipping, idempotent writes and test detection."""
from __future__ import annotations

import os

import pytest

from agents.core.errors import ToolError
from agents.software.sandbox_output import StreamClipper, clip_text
from agents.software.tools import RepoTools


@pytest.fixture
def tools(scene) -> RepoTools:
    return RepoTools(scene.worktree.path, base=scene.worktree.base_commit, clip=2000)


def test_list_dir_marks_dirs_and_hides_git(tools):
    tools.write_file("pkg/a.py", "a = 1\n")
    listing = tools.list_dir().splitlines()
    assert "pkg/" in listing and "app.py" in listing and ".git" not in listing
    assert tools.list_dir("pkg") == "a.py"
    with pytest.raises(ToolError, match="not a directory"):
        tools.list_dir("app.py")


def test_read_file_numbers_lines_and_ranges(tools):
    tools.write_file("n.txt", "".join(f"line {i}\n" for i in range(1, 13)))
    assert tools.read_file("n.txt", start_line=3, end_line=4) == "3| line 3\n4| line 4"
    assert tools.read_file("n.txt").splitlines()[0] == " 1| line 1"
    with pytest.raises(ToolError, match="past the end"):
        tools.read_file("n.txt", start_line=50)
    with pytest.raises(ToolError, match="does not exist"):
        tools.read_file("missing.txt")


def test_read_file_binary_and_clipped(tools, scene):
    (scene.worktree.path / "blob.bin").write_bytes(b"\0\1\2" * 10)
    assert "binary file, 30 bytes" in tools.read_file("blob.bin")
    tools.write_file("big.txt", "x" * 100 + "\n" + "y" * 50_000 + "\nEND\n")
    out = tools.read_file("big.txt")
    assert len(out) < 2200 and "[clipped " in out and out.endswith("END")


def test_search_regex_skips_git_and_bounds_results(tools):
    tools.write_file("a.py", "def alpha():\n    pass\n")
    tools.write_file("many.txt", "hit\n" * 500)
    assert tools.search(r"def \w+", ".") == "a.py:1: def alpha():"
    assert "more matches" in tools.search("hit")
    assert "HEAD" not in tools.search("ref: refs")
    assert tools.search("zzz-nothing") == "no match for 'zzz-nothing'"
    with pytest.raises(ToolError, match="invalid regular expression"):
        tools.search("(")


def test_write_file_is_atomic_and_idempotent(tools, scene):
    first = tools.write_file("d/e/f.txt", "content\n")
    assert first == "wrote 8 bytes to d/e/f.txt"
    assert "unchanged" in tools.write_file("d/e/f.txt", "content\n")
    assert (scene.worktree.path / "d/e/f.txt").read_bytes() == b"content\n"
    assert not [p for p in (scene.worktree.path / "d/e").iterdir() if p.name.startswith(".rolegraph-write-")]
    os.chmod(scene.worktree.path / "d/e/f.txt", 0o755)
    tools.write_file("d/e/f.txt", "new\n")
    assert os.stat(scene.worktree.path / "d/e/f.txt").st_mode & 0o777 == 0o755
    with pytest.raises(ToolError, match="is a directory"):
        tools.write_file("d", "x")


def test_edit_file_exact_unique_match(tools):
    tools.write_file("e.py", "x = 1\ny = 1\nz = 2\n")
    assert "replaced 1 occurrence" in tools.edit_file("e.py", "z = 2", "z = 3")
    assert "already applied" in tools.edit_file("e.py", "z = 2", "z = 3")
    with pytest.raises(ToolError, match="appears 2 times"):
        tools.edit_file("e.py", "= 1", "= 9")
    with pytest.raises(ToolError, match="not found"):
        tools.edit_file("e.py", "w = 0", "w = 1")
    assert tools.read_file("e.py") == "1| x = 1\n2| y = 1\n3| z = 3"


def test_run_reports_exit_code_isolation_and_clips(tools):
    out = tools.run("echo hello; exit 3")
    assert out.splitlines()[1].startswith("[exit code 3; sandbox: ") and "hello" in out
    flood = tools.run("seq 1 100000")
    assert "[clipped " in flood and flood.rstrip().endswith("100000") and len(flood) < 2300
    assert "timed out after 1s" in tools.run("sleep 1000.31", timeout_s=1)
    with pytest.raises(ToolError):
        tools.run("   ")


@pytest.mark.parametrize("files,expected", [
    ({"test_x.py": "def test_ok():\n    assert True\n"}, "pytest -q"),
    ({"package.json": '{"scripts": {"test": "node t.js"}}'}, "npm test"),
    ({"Makefile": "test:\n\ttrue\n"}, "make test"),
])
def test_detect_test_command(tools, files, expected, scene):
    for name, text in files.items():
        tools.write_file(name, text)
    assert tools.detect_test_command().endswith(expected)


def test_run_tests_pass_fail_and_configured(scene, tools):
    with pytest.raises(ToolError, match="no test command detected"):
        tools.run_tests()
    tools.write_file("Makefile", "test:\n\t@echo running; exit 1\n")
    assert tools.run_tests().startswith("FAILED (exit code 2): make test")
    configured = RepoTools(scene.worktree.path, test_command="echo fine")
    assert configured.run_tests().startswith("PASSED: echo fine")


def test_git_diff_includes_committed_uncommitted_and_new(tools, scene):
    assert tools.git_diff() == "no changes"
    tools.edit_file("app.py", "v2", "v3")
    tools.write_file("brand_new.py", "n = 1\n")
    scene.worktree.commit_all("one")
    tools.write_file("later.py", "m = 2\n")
    diff = tools.git_diff()
    assert "+print('v3')" in diff and "brand_new.py" in diff and "+m = 2" in diff


def test_clipping_states_dropped_bytes():
    clipper = StreamClipper(limit=10)
    for _ in range(1000):
        clipper.feed(b"0123456789")
    assert clipper.clipped == 10_000 - 10 and "[clipped 9,990 bytes]" in clipper.text()
    assert clip_text("abc", limit=10) == "abc"
    assert "[clipped 90 bytes]" in clip_text("a" * 100, limit=10)
