"""The CLI under a catalogue of bad inputs: each must fail with one clear line, no traceback, and write nothing.

    python bench/bad_input.py
Last line: {"cases": n, "clear_errors": c, "tracebacks": t, "files_written": f}"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agents.testing import FakeOpenAIServer  # noqa: E402


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _prepare(work: Path, srv_url: str, closed_url: str) -> list[tuple[str, list[str], dict, str]]:
    """(name, argv, extra env, a word the error must contain) per case; fixtures are made under `work`."""
    plain, empty, repo = work / "plain-dir", work / "empty-repo", work / "repo"
    plain.mkdir()
    empty.mkdir()
    _git(empty, "init", "-q")
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "a.py").write_text("x = 1\n")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=u", "-c", "user.email=u@x", "commit", "-qm", "init")
    (work / "bad.toml").write_text("[model\nname = 'x'")
    (work / "typed.toml").write_text('[model]\ntimeout_s = "soon"\n')
    runs = work / "runs"
    for name, data in (("corrupt-run", b"not a sqlite database" * 50), ("readonly-run", None)):
        (runs / name).mkdir(parents=True)
        (runs / name / "run.json").write_text(json.dumps({"run_id": name, "status": "interrupted",
                                                          "factory": "agents.mp5.graph:build_mp5_team",
                                                          "args": {"task": "collect wood"}}))
        db = runs / name / "checkpoint.sqlite"
        if data:
            db.write_bytes(data)
        else:
            import sqlite3

            sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
            db.chmod(0o444)
    no_node = {"PATH": "/nonexistent"}
    model = ["--model", "m", "--base-url"]
    return [
        ("unknown task", ["run", "fly to the moon"], {}, "unknown task"),
        ("malformed toml", ["runs", "--config", str(work / "bad.toml")], {}, "not valid TOML"),
        ("mistyped toml", ["run", "collect wood", "--config", str(work / "typed.toml")], {}, "timeout_s"),
        ("unreachable endpoint", ["run", "collect wood", *model, closed_url], {}, "cannot reach"),
        ("bad api key", ["run", "collect wood", *model, srv_url], {"OPENAI_API_KEY": "sk-wrong-key-123"}, "API key"),
        ("team without model", ["team", "x", "--repo", str(repo)], {}, "needs a model"),
        ("non-git dir", ["team", "x", "--repo", str(plain), *model, srv_url], {}, "not a git"),
        ("repo with no commits", ["team", "x", "--repo", str(empty), *model, srv_url], {}, "no commits"),
        ("missing repo", ["team", "x", "--repo", str(work / "nope"), *model, srv_url], {}, "nope"),
        ("missing node", ["run", "obtain a diamond", "--env", "minecraft"], no_node, "node"),
        ("unknown env", ["run", "collect wood", "--env", "mars"], {}, "mars"),
        ("unknown brains", ["run", "collect wood", "--brains", "planner=genius"], {}, "--brains"),
        ("llm brains offline", ["run", "collect wood", "--brains", "planner=llm"], {}, "no model is configured"),
        ("negative step budget", ["run", "collect wood", "--max-steps", "-1"], {}, "max_steps"),
        ("negative cost budget", ["team", "x", "--repo", str(repo), "--max-cost", "-2"], {}, "max_cost"),
        ("unknown run id", ["resume", "no-such-run"], {}, "no-such-run"),
        ("unknown run report", ["report", "no-such-run"], {}, "no-such-run"),
        ("corrupt checkpoint", ["resume", "corrupt-run"], {}, "checkpoint"),
        ("read-only checkpoint", ["resume", "readonly-run"], {}, "read-only"),
        ("zero episodes", ["eval", "crafter", "--episodes", "0"], {}, "episodes"),
        ("unknown command", ["fly"], {}, "fly"),
        ("unknown memory", ["memory", "show", "999"], {}, "999"),
    ]


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def run_catalogue() -> tuple[dict, list[dict]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAIServer([], api_key="sk-right-key-456") as srv:
        with FakeOpenAIServer([]) as gone:
            closed = gone.base_url
        work = Path(tmp)
        cases = _prepare(work, srv.base_url, closed)
        base_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ROLEGRAPH_"))}
        base_env |= {"ROLEGRAPH_RUNS_DIR": str(work / "runs"), "PYTHONPATH": str(ROOT)}
        for name, argv, extra, word in cases:
            before = _tree(work)
            out = subprocess.run([sys.executable, "-m", "agents.cli", *argv], cwd=work, env={**base_env, **extra},
                                 capture_output=True, text=True, timeout=300)
            written = sorted(set(_tree(work).items()) - set(before.items()))
            lines = [line for line in out.stderr.splitlines() if line.strip()]
            clear = (out.returncode != 0 and len(lines) == 1 and lines[0].startswith("rolegraph: error:")
                     and word.lower() in lines[0].lower())
            rows.append({"case": name, "exit": out.returncode, "clear": clear, "traceback": "Traceback" in out.stderr,
                         "written": [w[0] for w in written], "stderr": out.stderr.strip()[-300:]})
            shutil.rmtree(work / "runs" / "worktrees", ignore_errors=True)
    summary = {"cases": len(rows), "clear_errors": sum(r["clear"] for r in rows),
               "tracebacks": sum(r["traceback"] for r in rows), "files_written": sum(len(r["written"]) for r in rows)}
    return summary, rows


if __name__ == "__main__":
    summary, rows = run_catalogue()
    for r in rows:
        mark = "ok " if r["clear"] and not r["written"] else "BAD"
        print(f"{mark} {r['case']:<24} exit {r['exit']:<3} {r['stderr'].splitlines()[-1] if r['stderr'] else ''}"
              + (f"  wrote {r['written']}" if r["written"] else ""))
    print(json.dumps(summary))
