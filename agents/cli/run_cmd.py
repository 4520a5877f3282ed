"""`rolegraph run TASK` and `rolegraph tasks`: the MP5 team's main job."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from agents.cli import app
from agents.cli.common import BaseUrlOpt, ConfigOpt, ModelOpt, RunsDirOpt, console, settings


@app.command("run")
def run(task: str = typer.Argument(..., help='What to do, e.g. "collect a diamond" (see `rolegraph tasks`).'),
        env: str = typer.Option("crafter", "--env", help="World: crafter | minecraft."),
        model: Optional[str] = ModelOpt, base_url: Optional[str] = BaseUrlOpt,
        brains: Optional[str] = typer.Option(None, "--brains", help="Per module, e.g. percipient=llm,rest=knowledge "
                                             "(default: llm with a model configured, knowledge without)."),
        seed: int = typer.Option(0, "--seed", help="World seed."),
        size: int = typer.Option(64, "--size", help="Crafter frame size in pixels."),
        length: int = typer.Option(10000, "--length", help="Episode length cap in world steps."),
        max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Graph step budget."),
        server: Optional[str] = typer.Option(None, "--server", help="Minecraft: HOST:PORT of your own offline-mode "
                                             "server (default: start the bundled one)."),
        runs_dir: Optional[Path] = RunsDirOpt, config: Optional[Path] = ConfigOpt) -> None:
    """Solve TASK in a world with the MP5 team (offline knowledge brains when no model is configured)."""
    s = settings(config=config, model=model, base_url=base_url, runs_dir=runs_dir, **{"budget.max_steps": max_steps})
    from agents.mp5.runner import run_task

    result = run_task(task, env=env, seed=seed, brains=brains, model=model, base_url=base_url, size=size,
                      length=length, settings=s, config=config, console=console, server=server)
    if result.state.get("outcome") != "success":
        raise typer.Exit(1)


@app.command("tasks")
def tasks(level: Optional[int] = typer.Option(None, "--level", help="Only context tasks of this level (1-4).")) -> None:
    """List the tasks the MP5 team understands on Crafter."""
    from agents.mp5.tasks import known_tasks

    table = Table("task", "kind", "success means")
    for spec in sorted(known_tasks().values(), key=lambda t: (t.mode, t.level, t.text)):
        if level is not None and spec.level != level:
            continue
        means = ", ".join(spec.achievements[:3]) + ("..." if len(spec.achievements) > 3 else "") if \
            spec.achievements else ", ".join(f"{k}={v}" for k, v in spec.conditions.items())
        table.add_row(spec.text, spec.mode + (f" L{spec.level}" if spec.level else ""), means)
    console.print(table)
