"""Running one MP5 task from the CLI: build the team, show it live, summarise where everything was written."""
from __future__ import annotations

from typing import Any

from rich.console import Console

from agents.core.config import Settings
from agents.core.team import RunResult
from agents.mp5.graph import build_mp5_team
from agents.mp5.live import LiveView


def run_task(task: str, *, env: str, seed: int, brains: str | None, model: str | None, base_url: str | None,
             size: int, length: int, settings: Settings, config: Any, console: Console,
             server: str | None = None) -> RunResult:
    team = build_mp5_team(task, seed=seed, env=env, brains=brains, model=model, base_url=base_url, size=size,
                          length=length, config=str(config) if config else None, server=server)
    console.print(f"[bold]{task}[/] in {env} (seed {seed}) · brains: "
                  + ", ".join(f"{m}={b}" for m, b in team.brains.items()))
    with LiveView(console) as view:
        result = team.run({"task": task}, task=task, runs_dir=settings.runs_dir, on_event=view)
    team.world.close()
    world = result.state.get("world", {})
    outcome = result.state.get("outcome") or result.status
    console.print(f"[bold]{outcome}[/] after {world.get('step', 0)} world steps and {result.steps} graph steps; "
                  f"achievements: {', '.join(world.get('achievements', [])) or 'none'}")
    path = settings.runs_dir / result.run_id
    files = [path / name for name in ("report.html", "episode.gif", "trajectory.jsonl") if (path / name).exists()]
    console.print(f"run {result.run_id}: " + "  ".join(map(str, files)))
    return result
