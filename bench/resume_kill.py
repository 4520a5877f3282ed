"""SIGKILL runs at random points, resume them by id, and compare with uninterrupted runs.

    python bench/resume_kill.py --runs 20 [--kills 5] [--seed 0]
Half the runs are MP5 Crafter runs (knowledge brains), half software-team runs (an oracle model over real HTTP).
Last line: {"runs": n, "kills": k, "exact": e, "lost_steps": l, "duplicate_side_effects": d}"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "software_team"))

from agents.testing import FakeOpenAIServer  # noqa: E402

MP5_TASK, MP5_LENGTH = "unlock all achievements", 1500


def _env(runs: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ROLEGRAPH_"))}
    return {**env, "ROLEGRAPH_RUNS_DIR": str(runs), "PYTHONPATH": str(ROOT), **extra}


def _cli(args: list[str], env: dict, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "agents.cli", *args], env=env, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _steps(run: Path) -> int:
    path = run / "trajectory.jsonl"
    return sum(1 for line in path.read_text().splitlines() if '"kind": "step"' in line) if path.exists() else 0


def _run_id(runs: Path) -> str | None:
    found = [p.name for p in runs.iterdir() if (p / "run.json").exists()] if runs.exists() else []
    return found[0] if found else None


def _drive(args: list[str], env: dict, cwd: Path, runs: Path, kills: int, rng: random.Random) -> int:
    """Start, kill `kills` times at random points after fresh progress, then resume to the end; kills done."""
    proc, done_kills = _cli(args, env, cwd), 0
    while True:
        run_id = _run_id(runs)
        start = _steps(runs / run_id) if run_id else 0
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            run_id = run_id or _run_id(runs)
            if run_id and _steps(runs / run_id) > start:
                break
            time.sleep(0.02)
        if done_kills < kills and proc.poll() is None:
            time.sleep(rng.uniform(0.0, 0.25))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                done_kills += 1
                proc = _cli(["resume", _run_id(runs)], env, cwd)
                continue
        proc.wait(timeout=600)
        return done_kills


def _state(runs: Path, team: str) -> dict:
    run_id = _run_id(runs)
    meta = json.loads((runs / run_id / "run.json").read_text())
    from agents.core.factory import load_factory

    old = os.environ.get("ROLEGRAPH_RUNS_DIR")
    os.environ["ROLEGRAPH_RUNS_DIR"] = str(runs)
    try:
        args = dict(meta["args"])
        if team == "mp5":
            args["record"] = False
        state = load_factory(meta["factory"])(**args).state(run_id, runs_dir=runs)
    finally:
        os.environ.pop("ROLEGRAPH_RUNS_DIR") if old is None else os.environ.__setitem__("ROLEGRAPH_RUNS_DIR", old)
    return {"status": meta["status"], "state": state, "run_id": run_id}


def _memories(runs: Path) -> int:
    db = runs / "memory.sqlite"
    return sqlite3.connect(db).execute("SELECT COUNT(*) FROM memories").fetchone()[0] if db.exists() else 0


def _compare_mp5(ref: dict, got: dict, ref_runs: Path, got_runs: Path) -> tuple[bool, int, int]:
    a, b = ref["state"], got["state"]
    exact = got["status"] == "done" and a.get("actions") == b.get("actions") and a.get("subgoals") == b.get("subgoals")
    lost = max(0, len(a.get("actions", "")) - len(b.get("actions", "")))
    dup = max(0, _memories(got_runs) - _memories(ref_runs))
    return exact, lost, dup


def _branch_commits(repo: Path, run_id: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "log", "--format=%s", f"rolegraph/{run_id}", "--not", "main"],
                         capture_output=True, text=True)
    return out.stdout.split("\n")


def _compare_team(ref: dict, got: dict, ref_repo: Path, got_repo: Path, ref_runs: Path, got_runs: Path):
    keys = ("requirements", "design", "code", "test", "review", "docs", "code_rounds")
    same = all(ref["state"].get(k) == got["state"].get(k) for k in keys)
    ref_commits, got_commits = _branch_commits(ref_repo, ref["run_id"]), _branch_commits(got_repo, got["run_id"])
    files = [subprocess.run(["git", "-C", str(r), "show", f"rolegraph/{x['run_id']}:calc.py"], capture_output=True,
                            text=True).stdout for r, x in ((ref_repo, ref), (got_repo, got))]
    exact = got["status"] == "done" and same and files[0] == files[1] and len(ref_commits) == len(got_commits)
    dup = max(0, len(got_commits) - len(ref_commits)) + max(0, _memories(got_runs) - _memories(ref_runs))
    return exact, 0, dup


def _team_repo(base: Path) -> Path:
    from team_repo import git

    repo = base / "repo"
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    (repo / "test_calc.py").write_text("from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "init")
    return repo


def one_run(kind: str, seed: int, kills: int, rng: random.Random, *, length: int = MP5_LENGTH) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if kind == "mp5":
            args = ["run", MP5_TASK, "--seed", str(seed), "--length", str(length)]
            ref_runs, got_runs = tmp / "ref", tmp / "got"
            _cli(args, _env(ref_runs), tmp).wait(timeout=900)
            done = _drive(args, _env(got_runs), tmp, got_runs, kills, rng)
            exact, lost, dup = _compare_mp5(_state(ref_runs, "mp5"), _state(got_runs, "mp5"), ref_runs, got_runs)
        else:
            from test_team_cli import oracle

            with FakeOpenAIServer(handler=oracle, default_delay=0.4) as srv:
                model = ["--model", "fake", "--base-url", srv.base_url]
                ref_repo, got_repo = _team_repo(tmp / "a"), _team_repo(tmp / "b")
                ref_runs, got_runs = tmp / "ref", tmp / "got"
                _cli(["team", "fix add", "--repo", str(ref_repo), *model], _env(ref_runs), tmp).wait(timeout=600)
                done = _drive(["team", "fix add", "--repo", str(got_repo), *model], _env(got_runs), tmp, got_runs,
                              kills, rng)
                exact, lost, dup = _compare_team(_state(ref_runs, "team"), _state(got_runs, "team"), ref_repo,
                                                 got_repo, ref_runs, got_runs)
    return {"kind": kind, "seed": seed, "kills": done, "exact": exact, "lost_steps": lost, "duplicates": dup}


def main(runs: int, kills: int, seed: int) -> dict:
    rng = random.Random(seed)
    rows = []
    for i in range(runs):
        row = one_run("mp5" if i % 2 == 0 else "team", seed + i, kills, rng)
        print(json.dumps(row), flush=True)
        rows.append(row)
    return {"runs": len(rows), "kills": sum(r["kills"] for r in rows), "exact": sum(r["exact"] for r in rows),
            "lost_steps": sum(r["lost_steps"] for r in rows), "duplicate_side_effects": sum(r["duplicates"] for r in rows)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    a = parser.parse_args()
    print(json.dumps(main(a.runs, a.kills, a.seed)))
