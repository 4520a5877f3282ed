"""`rolegraph runs`, `resume`, `report`: everything about runs that already exist."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from agents.cli import app
from agents.cli.common import ConfigOpt, RunsDirOpt, console, settings
from agents.core.errors import UserInputError
from agents.core.factory import load_factory
from agents.core.report import write_report
from agents.core.runs import RunDir, list_runs
from agents.core.team import check_checkpoint


@app.command("runs")
def runs(runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """List runs, newest first, with their status."""
    root = settings(config=config, runs_dir=runs_dir).runs_dir
    rows = list_runs(root)
    if not rows:
        console.print(f"no runs under {root}/")
        return
    table = Table("run id", "team", "task", "status", "steps", "updated")
    for m in rows:
        table.add_row(m.get("run_id", "?"), str(m.get("team", "")), str(m.get("task", ""))[:40],
                      m.get("status", "?"), str(m.get("steps", "")), str(m.get("updated", ""))[:19])
    console.print(table)


@app.command("resume")
def resume(run_id: str, runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Continue a run from its last checkpoint (after a kill, Ctrl-C or a budget stop)."""
    root = settings(config=config, runs_dir=runs_dir).runs_dir
    run = RunDir.existing(run_id, root)
    check_checkpoint(run)
    meta = run.meta()
    if not meta.get("factory"):
        raise UserInputError(f"run {run_id} did not record how to rebuild its team; it cannot be resumed")
    team = load_factory(meta["factory"])(**(meta.get("args") or {}))
    result = team.resume(run_id, runs_dir=root)
    console.print(f"run {result.run_id}: {result.status} after {result.steps} steps"
                  + (f" ({result.message})" if result.message else ""))
    if result.status not in ("done",):
        raise typer.Exit(1)


@app.command("report")
def report(run_id: str, runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """(Re)write runs/RUN_ID/report.html and print its path."""
    root = settings(config=config, runs_dir=runs_dir).runs_dir
    path = write_report(RunDir.existing(run_id, root))
    console.print(str(path))
