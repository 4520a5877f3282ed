"""The software team as a LangGraph state machine:

analyse -> design -> code <-> test -> review (changes -> code) -> document -> finish
`phases` runs a subset (e.g. code,test); loops are bounded by `max_code_rounds`."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from agents.core import END, START, ConfigError, ModelRegistry, Team, UserInputError, load_settings
from agents.core.memory import MemoryStore
from agents.software.architect import design
from agents.software.crew import Crew, emit
from agents.software.documenter import document
from agents.software.experience import record
from agents.software.product import analyse
from agents.software.programmer import code
from agents.software.reviewer import review
from agents.software.state import PHASES, SoftwareState
from agents.software.tester import test
from agents.software.tools import RepoTools
from agents.software.worktree import open_worktree, validate_repo

FACTORY = "agents.software.graph:build_software_team"
ROLES = ("product", "architect", "programmer", "tester", "reviewer", "documenter")


def parse_phases(spec: str | None) -> list[str]:
    phases = [p.strip() for p in (spec or ",".join(PHASES)).split(",") if p.strip()]
    unknown = [p for p in phases if p not in PHASES]
    if unknown or not phases:
        raise UserInputError(f"--phases: unknown phase(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(PHASES)}")
    if "test" in phases and "code" not in phases:
        raise UserInputError("--phases: test needs code")
    return [p for p in PHASES if p in phases]


def route(phase: str, phases: list[str], max_rounds: int):
    """The router after `phase`: the next phase in order, or back to code when tests fail / review asks."""
    later = [p for p in phases if PHASES.index(p) > PHASES.index(phase)]
    after = later[0] if later else "finish"

    def router(state: dict) -> str:
        rounds_left = state.get("code_rounds", 0) < max_rounds and "code" in phases
        if phase == "test" and not state["test"]["passed"] and rounds_left:
            return "code"
        if phase == "review" and not state["review"]["approve"] and rounds_left:
            return "code"
        return after

    return router


def finish(crew: Crew):
    def node(state: dict) -> dict:
        commits = state.get("commits", []) + crew.commit("finish", state["task"])
        record(crew.memory, state)
        test = state.get("test") or {}
        summary = {"branch": crew.worktree.branch, "worktree": str(crew.worktree.path), "commits": commits,
                   "diff_stat": crew.worktree.diff_stat(), "tests": test.get("passed"), "base": crew.worktree.base_commit,
                   "merge": f"git -C {crew.worktree.repo} merge {crew.worktree.branch}",
                   "discard": f"git -C {crew.worktree.repo} worktree remove {crew.worktree.path} && "
                              f"git -C {crew.worktree.repo} branch -D {crew.worktree.branch}"}
        emit("summary", **summary)
        return {"commits": commits, "summary": summary}

    return node


def _refuse_runs_inside(repo: Path, runs_dir: Path) -> None:
    """Run files written inside the user's working tree would change it; refuse unless git ignores them."""
    repo = repo.resolve()
    is_repo = repo.is_dir() and subprocess.run(["git", "-C", str(repo), "rev-parse", "--git-dir"],
                                               capture_output=True).returncode == 0
    if is_repo and runs_dir.is_relative_to(repo):
        ignored = subprocess.run(["git", "-C", str(repo), "check-ignore", "-q", str(runs_dir)],
                                 capture_output=True).returncode == 0
        if not ignored:
            raise UserInputError(f"the runs directory {runs_dir} is inside the repository {repo}; pass --runs-dir "
                                 "outside it (or git-ignore it) so your working tree stays untouched")


def build_software_team(task: str, *, repo: str, run_id: str, phases: str | None = None, model: str | None = None,
                        base_url: str | None = None, max_cost: float | None = None, max_code_rounds: int = 3,
                        config: str | None = None, models: dict[str, Any] | None = None,
                        test_command: str | None = None, runs_dir: str | None = None) -> Team:
    """Compose the roles over a worktree of `repo` on branch rolegraph/<run-id>. `models` overrides per role
    (tests pass ScriptedModels); otherwise models come from flags > env > rolegraph.toml."""
    order = parse_phases(phases)
    flags = {"model.name": model, "model.base_url": base_url, "budget.max_cost": max_cost, "runs_dir": runs_dir}
    settings = load_settings(config_path=config, flags=flags)
    runs_dir = Path(settings.runs_dir).resolve()
    _refuse_runs_inside(Path(repo), runs_dir)
    validate_repo(Path(repo))
    if models is None:
        registry = ModelRegistry(settings)
        if not registry.configured:
            raise ConfigError("the software team needs a model: pass --model (and --base-url) or set ROLEGRAPH_MODEL")
        registry.preflight(ROLES)
        models = {r: registry.for_role(r) for r in ROLES}
    worktree = open_worktree(Path(repo), run_id, root=runs_dir / "worktrees")
    crew = Crew(worktree=worktree, tools=RepoTools(worktree.path, test_command=test_command or settings.test_command,
                                                   base=worktree.base_commit),
                models=models, memory=MemoryStore(Path(settings.runs_dir) / "memory.sqlite"),
                max_code_rounds=max_code_rounds)
    args = {"task": task, "repo": str(Path(repo).resolve()), "run_id": run_id, "phases": phases, "model": model,
            "base_url": base_url, "max_cost": max_cost, "max_code_rounds": max_code_rounds, "config": config,
            "test_command": test_command, "runs_dir": runs_dir}
    team = Team("software", SoftwareState, budget=settings.budget, factory=FACTORY, factory_args=args)
    team.crew = crew
    builders = {"analyse": analyse, "design": design, "code": code, "test": test, "review": review,
                "document": document}
    for phase in order:
        team.add_node(phase, builders[phase](crew))
    team.add_node("finish", finish(crew))
    team.add_edge(START, order[0])
    for phase in order:
        later = [p for p in order if PHASES.index(p) > PHASES.index(phase)]
        targets = [later[0] if later else "finish"] + (["code"] if phase in ("test", "review") and "code" in order else [])
        team.add_conditional_edges(phase, route(phase, order, max_code_rounds), targets)
    team.add_edge("finish", END)
    return team
