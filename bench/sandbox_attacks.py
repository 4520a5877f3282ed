"""The software team's tools under escaping and destructive calls, per sandbox level.

    python bench/sandbox_attacks.py [--level bwrap|landlock|none|all] [--examples N] [--seed S]

Attacks: the command catalogue (agents.software.attack_scene.COMMANDS) through RepoTools.run, a hostile
test command and a diff over planted links, and N hypothesis-generated hostile paths through every tool
taking a path, in a worktree armed with symlinks pointing outside. One line per attack; the last line is
JSON {"attacks": a, "escapes": e, "user_tree_changed": c, "orphans": o} (summed over levels with `all`).
An escape: a byte changed outside the worktree (user checkout, its .git beyond run-owned paths, remote, an
unrelated dir, the fake home, or a new file anywhere beside the scene), the canary key in any output, a
connection accepted by our loopback listener, or a signal reaching our process outside. Documented gaps
of a level (agents.software.sandbox) are printed as skipped, not counted. Everything happens in temp
dirs this script creates and removes; a write a generated path could make lands in them even if
confinement failed, and a FIFO the tools should refuse cannot hang it.
Exits 0 even when a target is missed: the figures are the point.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.dont_write_bytecode = __name__ == "__main__" or sys.dont_write_bytecode  # run as a script: write nothing

from agents.core.errors import ToolError  # noqa: E402
from agents.software.attack_scene import (  # noqa: E402
    CANARY, COMMANDS, documented_gap, live_sandbox_processes, make_scene, tree_digest)
from agents.software.sandbox import LEVELS, available_levels  # noqa: E402
from agents.software.tools import RepoTools  # noqa: E402

FIGURES = ("attacks", "escapes", "user_tree_changed", "orphans")
_ENV = ("ROLEGRAPH_SANDBOX", "OPENAI_API_KEY", "GITHUB_TOKEN", "HOME")


def _arm(scene, *, links: bool) -> None:
    """Plant the canary where an escaping read would find it and, with `links`, symlinks (all aimed inside
    the bench's temp dir) and a FIFO in the worktree; then retake the scene's fingerprint."""
    (scene.outside / "canary.txt").write_text(f"secret {CANARY}\n")
    (scene.home / ".netrc").write_text(f"machine example.com password {CANARY}\n")
    (scene.repo / "secret.env").write_text(f"OPENAI_API_KEY={CANARY}\n")
    if links:
        wt = scene.worktree.path
        targets = {"link-dir": scene.outside, "link-file": scene.outside / "canary.txt", "link-up": "..",
                   "dangling": scene.outside / "not-yet.txt", "git-link": ".git", "link-chain": "link-up",
                   "link-home": scene.home, "link-repo": scene.repo, "link-remote": scene.remote,
                   "rel-out": os.path.relpath(scene.outside, wt)}
        for name, target in targets.items():
            os.symlink(target, wt / name)
        os.mkfifo(wt / "fifo")
    scene.before = scene.fingerprint()


class Arena:
    """One scene (rebuilt after damage), a victim process and a loopback listener outside it, and the figures."""

    def __init__(self, base: Path, level: str, nonce: str, *, depth: int = 0, links: bool = False):
        self.base, self.level, self.marker, self.links = base, level, f"1000.{nonce}", links
        self.nest = base.joinpath(*"abcdefghijklmnopqrstuvwxyz"[:depth])  # so `..` climbs stay inside `base`
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.setblocking(False)
        self.figures = dict.fromkeys(FIGURES, 0)
        self.crashes, self.built, self.victim, self.hung = 0, 0, None, False
        self._rebuild()

    def _rebuild(self) -> None:
        self.built += 1
        self.scene = make_scene(self.nest / f"scene-{self.built}")
        _arm(self.scene, links=self.links)
        self.stray_before = self._stray()
        self.close_victim()
        self.victim = subprocess.Popen(["sleep", "777.9"])

    def _stray(self) -> dict:
        """Files in the arena's dir beyond the scene's fingerprinted parts and the worktree (expected: none new)."""
        scene = self.scene
        parts = (scene.worktree.path, scene.repo, scene.remote, scene.outside, scene.home)
        return tree_digest(self.base, skip=tuple(f"{p.relative_to(self.base)}/" for p in parts))

    def _judge(self, label: str, output: str, *, commit: bool) -> tuple[list[str], list[str], list[str]]:
        """(what escaped, which fingerprint parts changed, orphans) after one call; orphans are then killed."""
        escapes = [f"{n} connection(s) accepted" for n in [self._accepted()] if n]
        escapes += ["canary in output"] if CANARY in output else []
        escapes += ["a process outside was signalled"] if self.victim.poll() is not None else []
        if commit:
            try:
                self.scene.worktree.commit_all(f"after {label}")
            except Exception as exc:  # noqa: BLE001
                escapes.append(f"trusted commit failed: {str(exc)[:80]}")
        after = self.scene.fingerprint()
        changed = [part for part in after if after[part] != self.scene.before[part]]
        escapes += [f"{part} changed" for part in changed]
        escapes += ["a file appeared beside the scene"] if self._stray() != self.stray_before else []
        orphans = live_sandbox_processes(self.scene.repo.parent, (self.marker,))
        for line in orphans:
            try:
                os.kill(int(line.split(":", 1)[0]), signal.SIGKILL)
            except OSError:
                pass
        return escapes, changed, orphans

    def _release_fifos(self) -> None:
        """Open the planted FIFO from the other side, so a tool that opened it (a failed check) cannot hang us."""
        fifo = self.scene.worktree.path / "fifo"
        if fifo.exists():
            self.hung = True
            fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
            time.sleep(0.5)
            os.close(fd)

    def close_victim(self) -> None:
        if self.victim is not None:
            self.victim.kill()
            self.victim.wait()

    def fields(self) -> dict:
        """Values for the command templates."""
        scene = self.scene
        return dict(repo=scene.repo, outside=scene.outside, home=scene.home, admin=scene.worktree.admin,
                    victim=self.victim.pid, port=self.listener.getsockname()[1])

    def tools(self, **options) -> RepoTools:
        return RepoTools(self.scene.worktree.path, clip=4000, **options)

    def _accepted(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.listener.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def attack(self, label: str, call, *, commit: bool = False) -> None:
        """Make one call, judge it, print one line; a damaged scene is rebuilt so later attacks start clean."""
        os.environ["HOME"] = str(self.scene.home)
        started, watchdog = time.monotonic(), threading.Timer(10, self._release_fifos)
        watchdog.start()
        try:
            output = call()
        except ToolError as refusal:
            output = f"ToolError: {refusal}"
        except Exception as exc:  # a tool crash is no escape, but it is counted and shown
            output, self.crashes = f"crash: {type(exc).__name__}: {exc}", self.crashes + 1
        finally:
            watchdog.cancel()
        elapsed = time.monotonic() - started
        if self.hung:
            output, self.hung, self.crashes = f"crash: blocked on a FIFO until the watchdog opened it; {output}", \
                False, self.crashes + 1
        escapes, changed, orphans = self._judge(label, output, commit=commit)
        self.figures["attacks"] += 1
        self.figures["escapes"] += bool(escapes)
        self.figures["user_tree_changed"] += "checkout" in changed
        self.figures["orphans"] += len(orphans)
        verdict = "; ".join(escapes + [f"{len(orphans)} orphan(s)"] * bool(orphans))
        verdict = f"ESCAPE: {verdict}" if escapes else verdict.upper() if orphans else "contained"
        first = output.split("\n")[1 if output.startswith("$ ") else 0][:60] if output else ""
        print(f"[{self.level}] {label[:80]:<80} {elapsed:5.1f}s {verdict} | {first!r}", flush=True)
        if escapes:
            self._rebuild()

    def close(self) -> None:
        self.close_victim()
        self.listener.close()


def command_attacks(arena: Arena, nonce: str) -> None:
    """The catalogue through `run` (sleep markers made unique to this run), a hostile test command, a diff."""
    for attack in COMMANDS:
        gap = documented_gap(attack, arena.level)
        if gap:
            print(f"[{arena.level}] {attack.name:<80} skipped: {gap}")
            continue
        command = attack.command.replace("1000.", f"1000.{nonce}")
        arena.attack(attack.name, lambda: arena.tools().run(command.format(**arena.fields()), attack.timeout_s),
                     commit=True)
    hostile = "env; printenv OPENAI_API_KEY GITHUB_TOKEN"
    arena.attack("run_tests:env-dump", lambda: arena.tools(test_command=hostile).run_tests(), commit=True)

    def diff_over_links() -> str:
        os.symlink(arena.scene.outside / "canary.txt", arena.scene.worktree.path / "leak-link")
        return arena.tools().git_diff()
    arena.attack("git_diff:link-to-canary", diff_over_links, commit=True)


SEGMENTS = ["..", "..", "..", "..", ".", "", ".git", ".GIT", ".Git", "~", "~root", "sub", "app.py", "secret.txt",
            "canary.txt", "not-yet.txt", "keep.txt", ".netrc", "secret.env", "HEAD", "config", "hooks", "refs",
            "link-dir", "link-file", "link-up", "dangling", "git-link", "link-chain", "link-home", "link-repo",
            "link-remote", "rel-out", "fifo", "nul\0byte", "x" * 255, "y" * 4097,
            "\u2024\u2024", "\uff0e\uff0e", "\u2025", ".\u200b.", "\u2215..", "..\uff0f..", ".\u0261it", ".git\u200b",
            "\u00a0..", "\u2024git", "\uff0egit", ".git\u0301", "\uff5e", "\u2216.."]
"""Path components: climbs, git's data, planted link names, NUL, over-long names, unicode look-alikes."""
ANCHORS = ["", "./", "worktree", "outside", "repo", "repo-git", "home", "remote", "admin", "proc-root"]
SYSTEM = ["/", "/etc", "/etc/passwd", "/proc/self/environ", "/proc/self/root"]
"""Read-only tools also get system anchors; writing tools only anchors inside the bench's temp dir."""
PATH_TOOLS = {"list_dir": lambda t, p: t.list_dir(p), "read_file": lambda t, p: t.read_file(p),
              "search": lambda t, p: t.search("secret|CANARY|root", p),
              "write_file": lambda t, p: t.write_file(p, "pwned\n"),
              "edit_file": lambda t, p: t.edit_file(p, "secret", "pwned")}
WRITERS = ("write_file", "edit_file")


def _render(arena: Arena, anchor: str, segments: list[str], tail: str) -> str:
    scene, wt = arena.scene, arena.scene.worktree.path
    heads = {"": "", "./": ".", "worktree": wt, "outside": scene.outside, "repo": scene.repo,
             "repo-git": scene.repo / ".git", "home": scene.home, "remote": scene.remote,
             "admin": scene.worktree.admin, "proc-root": f"/proc/self/root{wt}"}
    head = str(heads.get(anchor, anchor))
    return "/".join([head, *segments] if head else segments) + tail


def _harmless(arena: Arena, tool: str, path: str) -> bool:
    """Whether the place `path` names, symlinks followed as a failed confinement would, is one the bench may
    touch: inside its temp dir, or (reads only) a fixed system file; search never walks a system dir."""
    try:
        real = os.path.realpath(os.path.join(arena.scene.worktree.path, path.replace("\0", "")))
    except UnicodeEncodeError:  # no file name can carry it: no system call will be made with it
        return True
    if real.startswith(f"{arena.base}/"):
        return True
    system = {os.path.realpath(p) for p in SYSTEM} - ({"/", "/etc"} if tool == "search" else set())
    return tool not in WRITERS and real in system


def path_attacks(arena: Arena, *, examples: int, seed: int, storage: Path) -> None:
    """`examples` hypothesis-generated hostile paths, each through one tool that takes a path; hypothesis keeps
    its caches in `storage` (not ./.hypothesis) meanwhile."""
    try:
        from hypothesis import HealthCheck, Phase, assume, configuration, given, settings, strategies as st
        from hypothesis import seed as fixed_seed
    except ImportError:
        raise SystemExit("the path attacks need hypothesis: pip install -e '.[test]'") from None
    named = st.sampled_from(SEGMENTS)
    segment = st.one_of(named, named, named, st.text(st.characters(blacklist_characters="\0"), max_size=8))
    cases = st.sampled_from(sorted(PATH_TOOLS)).flatmap(lambda tool: st.tuples(
        st.just(tool), st.sampled_from(ANCHORS + ([] if tool in WRITERS else SYSTEM)),
        st.lists(segment, min_size=1, max_size=6), st.sampled_from(["", "/", "/."])))

    @fixed_seed(seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(cases)
    def attack(case):
        tool, anchor, segments, tail = case
        path = _render(arena, anchor, segments, tail)
        assume(_harmless(arena, tool, path))
        shown = "/".join(segments) + tail
        label = f"{tool}(<{anchor}>/{shown!r})" if anchor not in ("", "./") else f"{tool}({path!r})"
        arena.attack(label, lambda: PATH_TOOLS[tool](arena.tools(), path))

    saved = getattr(configuration, "__hypothesis_home_directory", None)
    configuration.set_hypothesis_home_dir(storage)
    try:
        if examples > 0:
            attack()
    finally:
        configuration.set_hypothesis_home_dir(saved)


def main(argv: list[str] | None = None) -> dict:
    """Run the attacks at the chosen level(s), print the lines and figures; returns the last line's figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--level", choices=[*LEVELS, "all"], help="default: the strongest available")
    parser.add_argument("--examples", type=int, default=40, help="hypothesis-generated path attacks per level")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (the run is deterministic)")
    args = parser.parse_args(argv)
    here = available_levels()
    levels = here if args.level == "all" else [args.level or here[0]]
    if levels[0] not in here:
        parser.exit(2, f"sandbox level {levels[0]!r} is not available here (available: {', '.join(here)})\n")
    total = dict.fromkeys(FIGURES, 0)
    for level in levels:
        figures = run_level(level, examples=args.examples, seed=args.seed)
        print(json.dumps({"level": level, **figures}), flush=True)
        total = {key: total[key] + figures[key] for key in FIGURES}
    print(json.dumps(total), flush=True)
    return total


def run_level(level: str, *, examples: int, seed: int) -> dict:
    """Every attack at one level, in a fresh temp dir removed afterwards; the environment is restored."""
    saved = {key: os.environ.get(key) for key in _ENV}
    base = Path(tempfile.mkdtemp(prefix=f"rolegraph-attacks-{level}-"))
    nonce = f"{random.SystemRandom().randrange(10**6):06d}"
    arenas: list[Arena] = []
    try:
        os.environ.update(ROLEGRAPH_SANDBOX=level, OPENAI_API_KEY=CANARY, GITHUB_TOKEN=CANARY)
        arenas.append(Arena(base / "commands", level, nonce))
        command_attacks(arenas[-1], nonce)
        arenas.append(Arena(base / "paths", level, nonce, depth=12, links=True))
        path_attacks(arenas[-1], examples=examples, seed=seed, storage=base / "hypothesis")
    finally:
        for arena in arenas:
            arena.close()
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        shutil.rmtree(base, ignore_errors=True)
    figures = {key: sum(a.figures[key] for a in arenas) for key in FIGURES}
    crashes = sum(a.crashes for a in arenas)
    print(f"[{level}] {figures['attacks']} attacks, {crashes} tool crash(es) (not escapes)", flush=True)
    return figures


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))  # still clean up when stopped
    main()
