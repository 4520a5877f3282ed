"""`rolegraph team` (the software team on your repo) and `rolegraph memory` (its experience pool)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from agents.cli import app
from agents.cli.common import BaseUrlOpt, ConfigOpt, ModelOpt, RunsDirOpt, console, settings
from agents.core.errors import UserInputError
from agents.core.memory import MemoryStore
from agents.software.sandbox import isolation_level

_HELP = ("Spawn the software team (product, architect, programmer, tester, reviewer) on REPO. It works in a git "
         "worktree on branch rolegraph/<run-id>; your checkout, index, stash and branches are never touched. "
         f"Commands the team runs are isolated by: {isolation_level()}.")


@app.command("team", help=_HELP)
def team(task: str = typer.Argument(..., help='What to change, e.g. "add a --json flag to the CLI".'),
         repo: Path = typer.Option(..., "--repo", help="Path to your git repository."),
         model: Optional[str] = ModelOpt, base_url: Optional[str] = BaseUrlOpt,
         phases: Optional[str] = typer.Option(None, "--phases", help="Subset of analyse,design,code,test,review,"
                                              "document (e.g. code,test for a cheap single-programmer mode)."),
         max_cost: Optional[float] = typer.Option(None, "--max-cost", help="Stop after this many dollars."),
         runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    from agents.software.runner import run_team

    s = settings(config=config, model=model, base_url=base_url, runs_dir=runs_dir,
                 **{"budget.max_cost": max_cost})
    result = run_team(task, repo=str(repo), phases=phases, model=model, base_url=base_url, max_cost=max_cost,
                      runs_dir=s.runs_dir, config=str(config) if config else None, console=console)
    if result.status != "done" or not (result.state.get("summary") or {}).get("tests", True):
        raise typer.Exit(1)


memory_app = typer.Typer(no_args_is_help=True, help="The experience pool and workflow memory (SQLite, FTS5).")
app.add_typer(memory_app, name="memory")


def _store(runs_dir: Optional[Path], config: Optional[Path]) -> MemoryStore | None:
    """The memory database, or None when no run has written one yet (reading never creates it)."""
    path = settings(config=config, runs_dir=runs_dir).runs_dir / "memory.sqlite"
    return MemoryStore(path) if path.exists() else None


@memory_app.command("list")
def memory_list(kind: Optional[str] = typer.Option(None, "--kind", help="experience | workflow"),
                runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """List remembered experiences and workflows."""
    store = _store(runs_dir, config)
    if store is None:
        console.print("no memories yet")
        return
    table = Table("id", "kind", "key", "uses", "text")
    for m in store.list(kind):
        table.add_row(str(m.id), m.kind, m.key[:40], str(m.uses), m.text[:70])
    console.print(table)


@memory_app.command("show")
def memory_show(memory_id: int, runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Show one memory in full."""
    store = _store(runs_dir, config)
    m = store.get(memory_id) if store else None
    if m is None:
        raise UserInputError(f"no memory {memory_id} (see `rolegraph memory list`)")
    console.print_json(m.model_dump_json())


@memory_app.command("forget")
def memory_forget(memory_id: int, runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Delete one memory."""
    store = _store(runs_dir, config)
    if store is None or not store.forget(memory_id):
        raise UserInputError(f"no memory {memory_id} (see `rolegraph memory list`)")
    console.print(f"forgot memory {memory_id}")
