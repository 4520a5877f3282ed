"""`rolegraph run TASK`: the main job. Until the MP5 team lands this runs a small built-in offline demo."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from agents.cli import app
from agents.cli.common import BaseUrlOpt, ConfigOpt, ModelOpt, RunsDirOpt, console, settings


@app.command("run")
def run(task: str = typer.Argument(..., help='What to do, e.g. "collect a diamond".'),
        env: str = typer.Option("crafter", "--env", help="World: crafter | minecraft | minedojo."),
        model: Optional[str] = ModelOpt, base_url: Optional[str] = BaseUrlOpt,
        seed: int = typer.Option(0, "--seed", help="World seed."),
        max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Graph step budget."),
        runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Solve TASK in a world with the MP5 team (offline brains when no model is configured)."""
    s = settings(config=config, model=model, base_url=base_url, runs_dir=runs_dir,
                 **{"budget.max_steps": max_steps})
    from agents.demo import run_demo

    result = run_demo(task, env=env, seed=seed, settings=s, console=console)
    if result.status != "done":
        raise typer.Exit(1)
