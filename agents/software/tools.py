"""The software team's repo tools. Each public method is a model-facing tool: its docstring is the tool's
description, it returns text, and a refusal raises ToolError (whose message goes back to the model)."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from agents.core.errors import ToolError
from agents.software.paths import display, resolve_tool_path
from agents.software.sandbox import run_command
from agents.software.sandbox_output import clip_text
from agents.software.sandbox_policy import git_layout
from agents.software.worktree import adopt_run_objects, git

_MAX_ENTRIES, _MAX_MATCHES, _MAX_SEARCH_FILE = 500, 200, 2 * 1024 * 1024


def _is_binary(data: bytes) -> bool:
    return b"\0" in data[:8192]


class RepoTools:
    """Tools confined to one worktree; commands run in the sandbox (see agents.software.sandbox)."""

    def __init__(self, worktree_path: Path, *, test_command: str | None = None, clip: int = 20_000,
                 base: str | None = None):
        self.root = Path(worktree_path).resolve()
        self.test_command = test_command
        self.clip = clip
        self.base = base or "HEAD"
        self._layout = layout = git_layout(self.root)
        self._git_env = {} if layout is None else {
            "GIT_DIR": str(layout.admin), "GIT_WORK_TREE": str(self.root), "GIT_COMMON_DIR": str(layout.common)}
        self._identity = self._git_identity()

    def _git(self, *args: str, check: bool = True) -> str:
        return git(*args, cwd=self.root, env=self._git_env, check=check).stdout

    def _git_identity(self) -> dict[str, str]:
        env = {}
        for key, var, fallback in (("user.name", "NAME", "rolegraph"), ("user.email", "EMAIL", "rolegraph@localhost")):
            value = self._git("config", "--get", key, check=False).strip() or fallback
            env |= {f"GIT_AUTHOR_{var}": value, f"GIT_COMMITTER_{var}": value}
        return env

    def _resolve(self, path: str) -> Path:
        return resolve_tool_path(self.root, path)

    def list_dir(self, path: str = ".") -> str:
        """List a directory of the repository (relative path, default the root); directories end with '/'."""
        target = self._resolve(path)
        if not target.is_dir():
            raise ToolError(f"{path!r} is not a directory")
        entries = sorted(e for e in os.listdir(target) if e != ".git")
        lines = [f"{name}/" if (target / name).is_dir() and not (target / name).is_symlink() else name
                 for name in entries[:_MAX_ENTRIES]]
        if len(entries) > _MAX_ENTRIES:
            lines.append(f"... [{len(entries) - _MAX_ENTRIES} more entries]")
        return "\n".join(lines) or "(empty directory)"

    def read_file(self, path: str, start_line: int | None = None, end_line: int | None = None) -> str:
        """Read a text file with numbered lines; `start_line`/`end_line` (1-based, inclusive) pick a range."""
        target = self._resolve(path)
        if not target.is_file():
            raise ToolError(f"{path!r} does not exist or is not a file")
        data = target.read_bytes()
        if _is_binary(data):
            return f"{path}: binary file, {len(data):,} bytes"
        lines = data.decode("utf-8", "replace").splitlines()
        first = max(start_line or 1, 1)
        last = min(end_line or len(lines), len(lines))
        if first > max(len(lines), 1):
            raise ToolError(f"{path!r} has {len(lines)} lines; start_line {first} is past the end")
        width = len(str(last))
        numbered = "\n".join(f"{n:>{width}}| {lines[n - 1]}" for n in range(first, last + 1))
        return clip_text(numbered, limit=self.clip) if numbered else f"{path}: empty file"

    def search(self, pattern: str, path: str = ".") -> str:
        """Search files under `path` for a Python regular expression; prints `file:line: text` per match."""
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise ToolError(f"invalid regular expression {pattern!r}: {exc}") from exc
        target, matches, more = self._resolve(path), [], 0
        files = [target] if target.is_file() else self._walk(target)
        for file in files:
            try:
                data = file.read_bytes() if file.stat().st_size <= _MAX_SEARCH_FILE else b""
            except OSError:
                continue
            if _is_binary(data):
                continue
            for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
                if regex.search(line):
                    if len(matches) < _MAX_MATCHES:
                        matches.append(f"{display(self.root, file)}:{number}: {line[:300]}")
                    else:
                        more += 1
        if more:
            matches.append(f"... [{more} more matches; narrow the pattern or the path]")
        return clip_text("\n".join(matches), limit=self.clip) if matches else f"no match for {pattern!r}"

    def _walk(self, top: Path) -> list[Path]:
        found = []
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != ".git" and not os.path.islink(os.path.join(folder, d)))
            found += [Path(folder, f) for f in sorted(files) if os.path.isfile(os.path.join(folder, f))
                      and not os.path.islink(os.path.join(folder, f))]
        return found

    def write_file(self, path: str, content: str) -> str:
        """Create or overwrite a file with `content` (parent directories are created)."""
        target = self._resolve(path)
        if target.is_dir():
            raise ToolError(f"{path!r} is a directory")
        data = content.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            return f"{display(self.root, target)} already has this content ({len(data):,} bytes); unchanged"
        target.parent.mkdir(parents=True, exist_ok=True)
        self._resolve(display(self.root, target.parent))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".rolegraph-write-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            if target.is_file():
                shutil.copymode(target, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return f"wrote {len(data):,} bytes to {display(self.root, target)}"

    def edit_file(self, path: str, old: str, new: str) -> str:
        """Replace the exact text `old` with `new` in a file; `old` must occur exactly once."""
        target = self._resolve(path)
        if not target.is_file():
            raise ToolError(f"{path!r} does not exist or is not a file")
        if not old:
            raise ToolError("`old` is empty; give the exact text to replace")
        text = target.read_text(encoding="utf-8", errors="replace")
        count = text.count(old)
        if count == 0 and new and text.count(new) == 1:
            return f"{path}: edit already applied; unchanged"
        if count == 0:
            raise ToolError(f"`old` was not found in {path}; read the file and copy the text exactly")
        if count > 1:
            raise ToolError(f"`old` appears {count} times in {path}; include more surrounding text so it is unique")
        self.write_file(path, text.replace(old, new, 1))
        return f"edited {path}: replaced 1 occurrence ({len(old)} -> {len(new)} characters)"

    def _sandboxed(self, command: str, timeout_s: float):
        result = run_command(command, cwd=self.root, timeout_s=timeout_s, max_output=self.clip, extra_env=self._identity)
        if self._layout is not None:
            adopt_run_objects(self._layout)
        return result

    def run(self, command: str, timeout_s: float = 60) -> str:
        """Run a shell command in the repository root (sandboxed, no network) and return exit code and output."""
        if not command.strip():
            raise ToolError("empty command")
        result = self._sandboxed(command, min(max(timeout_s, 1), 1800))
        status = f"timed out after {timeout_s:g}s (killed)" if result.timed_out else f"exit code {result.exit_code}"
        return f"$ {command}\n[{status}; sandbox: {result.isolation}]\n{result.output}".rstrip()

    def detect_test_command(self) -> str | None:
        """The configured test command, else pytest / npm test / make test by what the repository contains."""
        if self.test_command:
            return self.test_command
        root = self.root
        if any((root / name).exists() for name in ("pytest.ini", "conftest.py", "tests", "setup.cfg", "tox.ini")) \
                or "pytest" in _read(root / "pyproject.toml") or list(root.glob("test_*.py")):
            return "python3 -m pytest -q" if not shutil.which("pytest") else "pytest -q"
        if '"test"' in _read(root / "package.json"):
            return "npm test"
        if re.search(r"^test\s*:", _read(root / "Makefile"), re.MULTILINE):
            return "make test"
        return None

    def test_run(self):
        """(command, CommandResult) of one sandboxed run of the repository's tests, or None with no test command.
        Not a model-facing tool: the tester uses it for the real exit status."""
        command = self.detect_test_command()
        return None if command is None else (command, self._sandboxed(command, 600))

    def run_tests(self) -> str:
        """Run the repository's tests (configured command, or pytest / npm test / make test) and report pass or fail."""
        ran = self.test_run()
        if ran is None:
            raise ToolError("no test command detected (no pytest, package.json test script or Makefile test target); "
                            "set test_command in rolegraph.toml")
        command, result = ran
        verdict = "PASSED" if result.exit_code == 0 and not result.timed_out else \
            "FAILED (timed out)" if result.timed_out else f"FAILED (exit code {result.exit_code})"
        return f"{verdict}: {command}\n{result.output}".rstrip()

    def git_diff(self) -> str:
        """The changes made in this run so far (committed or not, new files included) as a unified diff."""
        diff = self._git("diff", self.base, check=False)
        for name in self._git("ls-files", "--others", "--exclude-standard", "-z").split("\0"):
            if name:
                diff += git("diff", "--no-index", "--", "/dev/null", name, cwd=self.root, check=False).stdout
        return clip_text(diff, limit=self.clip) if diff.strip() else "no changes"


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace") if path.is_file() else ""
    except OSError:
        return ""
