"""The run's git worktree on branch `rolegraph/<run-id>`: where the software team works, apart from the user.

The user's checkout (HEAD, index, files, stash, other branches) is never modified: only `git worktree add`,
`git branch -D rolegraph/<id>` and `git worktree remove` touch the user's repo, and trusted commits name
the worktree's own git dir explicitly instead of trusting the `.git` file a sandboxed command could rewrite.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from agents.core.errors import UserInputError
from agents.software.sandbox_policy import BRANCH_PREFIX, GitLayout, git_layout, run_object_store

_SAFE_CONFIG = ("-c", "core.hooksPath=/dev/null", "-c", "commit.gpgsign=false", "-c", "core.fsmonitor=false")
_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def git(*args: str, cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run trusted git with hooks off and no inherited GIT_* variables (which could redirect it)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    base.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C", **(env or {}))
    proc = subprocess.run(["git", *_SAFE_CONFIG, *args], cwd=cwd, env=base, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc


def adopt_run_objects(layout: GitLayout) -> int:
    """Move objects sandboxed git wrote to the run's store into the user's store, verified by git
    (`unpack-objects` rehashes every object); returns how many. Corrupt objects raise and stay put."""
    store = run_object_store(layout)
    if not store.is_dir() or not any(p.is_file() for p in store.rglob("*")):
        return 0
    (store / "info" / "alternates").unlink(missing_ok=True)
    env = {"GIT_DIR": str(layout.common), "GIT_OBJECT_DIRECTORY": str(store)}
    names = git("cat-file", "--batch-all-objects", "--batch-check=%(objectname)", cwd=layout.common, env=env).stdout
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    pack = subprocess.run(["git", "pack-objects", "-q", "--stdout"], input=names.encode(), capture_output=True,
                          cwd=layout.common, env=base | env)
    if pack.returncode != 0:
        raise RuntimeError(f"the run's object store is corrupt: {pack.stderr.decode(errors='replace').strip()}")
    unpack = subprocess.run(["git", "unpack-objects", "-q"], input=pack.stdout, capture_output=True,
                            cwd=layout.common, env=base | {"GIT_DIR": str(layout.common)})
    if unpack.returncode != 0:
        raise RuntimeError(f"adopting the run's objects failed: {unpack.stderr.decode(errors='replace').strip()}")
    for entry in store.iterdir():
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return len(names.split())


def validate_repo(repo: Path) -> Path:
    """The repo's top level, or UserInputError naming the path and the fix."""
    if not repo.is_dir():
        raise UserInputError(f"{repo} is not a directory; pass --repo the path of a git repository")
    top = git("rev-parse", "--show-toplevel", cwd=repo, check=False)
    if top.returncode != 0 or not top.stdout.strip():
        raise UserInputError(f"{repo} is not a git repository (or is bare); run `git init` there or pass another --repo")
    if git("rev-parse", "--verify", "-q", "HEAD^{commit}", cwd=repo, check=False).returncode != 0:
        raise UserInputError(f"{repo} has no commits yet; commit once (e.g. `git commit --allow-empty -m init`) and retry")
    return Path(top.stdout.strip()).resolve()


_validated_repo = validate_repo  # the name graph.py imported before validate_repo was public


def _registered(repo: Path) -> dict[Path, str]:
    """Registered worktree paths -> the branch ref they have checked out ('' when detached)."""
    found: dict[Path, str] = {}
    current: Path | None = None
    for line in git("worktree", "list", "--porcelain", cwd=repo).stdout.splitlines():
        if line.startswith("worktree "):
            current = Path(line[len("worktree "):]).resolve()
            found[current] = ""
        elif line.startswith("branch ") and current is not None:
            found[current] = line[len("branch "):]
    return found


def _set_aside(path: Path) -> None:
    """Move a half-created directory out of the way; never delete what might be someone's work."""
    if path.is_dir() and not any(path.iterdir()):
        path.rmdir()
    elif path.exists() or path.is_symlink():
        path.rename(path.with_name(f"{path.name}.stale-{time.strftime('%Y%m%d-%H%M%S')}"))


def _common_dir(repo: Path) -> Path:
    return Path(git("rev-parse", "--path-format=absolute", "--git-common-dir", cwd=repo).stdout.strip())


def _forget(repo: Path, path: Path) -> None:
    """Drop the registration of the broken worktree at `path` only (unlike `git worktree prune`)."""
    admin_root = _common_dir(repo) / "worktrees"
    for admin in admin_root.iterdir() if admin_root.is_dir() else ():
        try:
            points_to = Path((admin / "gitdir").read_text().strip()).parent.resolve()
        except OSError:
            continue
        if points_to == path:
            shutil.rmtree(admin)


def _healthy(path: Path) -> bool:
    layout = git_layout(path)
    return layout is not None and (layout.admin / "HEAD").is_file()


def open_worktree(repo: Path, run_id: str, *, root: Path) -> Worktree:
    """Create, or after a crash reuse and repair, the worktree `<root>/<run-id>` on branch `rolegraph/<run-id>`."""
    if not _RUN_ID.match(run_id):
        raise UserInputError(f"run id {run_id!r} is not usable as a branch name; use letters, digits, '.', '_', '-'")
    repo = validate_repo(repo)
    root.mkdir(parents=True, exist_ok=True)
    path, branch = root.resolve() / run_id, f"{BRANCH_PREFIX}/{run_id}"
    registered = _registered(repo)
    elsewhere = [p for p, ref in registered.items() if ref == f"refs/heads/{branch}" and p != path]
    if elsewhere:
        raise UserInputError(f"branch {branch} is already checked out at {elsewhere[0]}; resume from there or discard it")
    if path in registered and not _healthy(path):
        _set_aside(path)
        _forget(repo, path)
        registered = _registered(repo)
    if path not in registered:
        _set_aside(path)
        has_branch = git("rev-parse", "--verify", "-q", f"refs/heads/{branch}", cwd=repo, check=False).returncode == 0
        args = [str(path), branch] if has_branch else ["-b", branch, str(path), "HEAD"]
        git("worktree", "add", "--quiet", *args, cwd=repo)
    worktree = Worktree.attach(repo=repo, path=path, branch=branch)
    worktree.repair()
    return worktree


@dataclass
class Worktree:
    """A run's worktree. `base_commit` is the user's HEAD when the branch was created."""

    repo: Path
    path: Path
    branch: str
    base_commit: str
    admin: Path
    common: Path

    @classmethod
    def attach(cls, *, repo: Path, path: Path, branch: str) -> Worktree:
        """Describe an existing worktree, finding its base commit in the branch's reflog."""
        layout = git_layout(path)
        if layout is None:
            raise UserInputError(f"{path} is not a git worktree; discard the run or remove the directory")
        log = git("reflog", "show", "--format=%H", f"refs/heads/{branch}", "--", cwd=repo, check=False)
        commits = log.stdout.split()
        base = commits[-1] if log.returncode == 0 and commits else \
            git("merge-base", f"refs/heads/{branch}", "HEAD", cwd=repo).stdout.strip()
        return cls(repo=repo, path=path, branch=branch, base_commit=base, admin=layout.admin, common=layout.common)

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {"GIT_DIR": str(self.admin), "GIT_WORK_TREE": str(self.path), "GIT_COMMON_DIR": str(self.common)}
        return git(*args, cwd=self.path, env=env, check=check)

    def repair(self) -> None:
        """Undo what a command may have done to the run's own git data: the `.git` file, the admin dir
        (even deleted), HEAD and the branch ref; then adopt the objects the command wrote."""
        dot_git, expected = self.path / ".git", f"gitdir: {self.admin}\n"
        if dot_git.is_symlink() or not dot_git.is_file() or dot_git.read_text() != expected:
            shutil.rmtree(dot_git) if dot_git.is_dir() and not dot_git.is_symlink() else dot_git.unlink(missing_ok=True)
            dot_git.write_text(expected)
        self.admin.mkdir(parents=True, exist_ok=True)
        for name, content in (("commondir", "../..\n"), ("gitdir", f"{dot_git}\n")):
            if not (self.admin / name).is_file() or (self.admin / name).read_text() != content:
                (self.admin / name).write_text(content)
        head = self.admin / "HEAD"
        if head.is_symlink() or not head.is_file() or head.read_text() != f"ref: refs/heads/{self.branch}\n":
            head.unlink(missing_ok=True)
            head.write_text(f"ref: refs/heads/{self.branch}\n")
        adopt_run_objects(GitLayout(worktree=self.path, admin=self.admin, common=self.common))
        if self._git("rev-parse", "--verify", "-q", f"refs/heads/{self.branch}^{{commit}}", check=False).returncode:
            self._git("update-ref", f"refs/heads/{self.branch}", self.base_commit)
        if not (self.admin / "index").is_file():
            self._git("read-tree", "HEAD")

    def _identity(self) -> dict[str, str]:
        env = {}
        for key, var in (("user.name", "NAME"), ("user.email", "EMAIL")):
            if not self._git("config", "--get", key, check=False).stdout.strip():
                value = "rolegraph" if var == "NAME" else "rolegraph@localhost"
                env |= {f"GIT_AUTHOR_{var}": value, f"GIT_COMMITTER_{var}": value}
        return env

    def commit_all(self, message: str) -> str | None:
        """Commit every change (incl. new files) on the run's branch; None when nothing changed (so re-runs are no-ops)."""
        self.repair()
        self._git("add", "-A")
        if self._git("diff", "--cached", "--quiet", check=False).returncode == 0:
            return None
        env = {"GIT_DIR": str(self.admin), "GIT_WORK_TREE": str(self.path), "GIT_COMMON_DIR": str(self.common)}
        git("commit", "--no-verify", "-q", "-m", message, cwd=self.path, env=env | self._identity())
        return self._git("rev-parse", "HEAD").stdout.strip()

    def diff_stat(self) -> str:
        """`git diff --stat` of the worktree (committed and not) against the base commit, plus new files."""
        stat = self._git("diff", "--stat", self.base_commit).stdout.rstrip()
        new = self._git("ls-files", "--others", "--exclude-standard").stdout.split()
        return "\n".join(line for line in [stat, *(f" {name} (new, uncommitted)" for name in new)] if line)

    def discard(self) -> None:
        """Remove the worktree and its branch: the run's work is deleted, nothing of the user's."""
        if self.path in _registered(self.repo):
            git("worktree", "remove", "--force", "--force", str(self.path), cwd=self.repo, check=False)
        if self.path.exists():
            _set_aside(self.path)
        _forget(self.repo, self.path)
        git("branch", "-D", self.branch, cwd=self.repo, check=False)
