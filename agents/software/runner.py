"""Running the software team from the CLI: a live transcript (role -> message, tool calls folded) and a summary."""
from __future__ import annotations

import json
from typing import Any

from rich.console import Console

from agents.core.runs import new_run_id
from agents.core.team import RunResult
from agents.software.graph import build_software_team, parse_phases


class Transcript:
    """Prints each role's turn as it happens, with tool calls folded to one line each; tracks tokens and cost."""

    def __init__(self, console: Console):
        self.console = console
        self.tokens = 0
        self.cost = 0.0

    def __call__(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "model_call" and event.get("usage"):
            u = event["usage"]
            self.tokens += u["prompt_tokens"] + u["completion_tokens"]
            self.cost += u.get("cost", 0.0)
            reply = event.get("reply") or {}
            if reply.get("text"):
                self.console.print(f"[bold cyan]{event['role']}[/] {_short(reply['text'])}  "
                                   f"[dim]({self.tokens} tok, ${self.cost:.4f})[/]")
        elif kind == "tool_call":
            args = ", ".join(f"{k}={_short(json.dumps(v), 40)}" for k, v in event.get("arguments", {}).items())
            self.console.print(f"  [dim]↳ {event['tool']}({args}) → {_short(event.get('result', ''), 60)}[/]")
        elif kind == "test_run":
            verdict = "[green]passed[/]" if event["passed"] else "[red]failed[/]"
            self.console.print(f"  [bold]tests[/] {event['command']}: {verdict} [dim]({event['isolation']})[/]")
        elif kind == "commit":
            self.console.print(f"  [bold]commit[/] {event['sha'][:10]} after {event['phase']}")


def _short(text: Any, limit: int = 100) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_team(task: str, *, repo: str, phases: str | None, model: str | None, base_url: str | None,
             max_cost: float | None, runs_dir, config: str | None, console: Console) -> RunResult:
    order = parse_phases(phases)
    run_id = new_run_id("team")
    team = build_software_team(task, repo=repo, run_id=run_id, phases=phases, model=model, base_url=base_url,
                               max_cost=max_cost, config=config, runs_dir=str(runs_dir))
    console.print(f"run {run_id}: [bold]{task}[/] on {team.crew.worktree.repo} · branch {team.crew.worktree.branch} · "
                  f"phases {', '.join(order)}")
    result = team.run({"task": task, "phases": order}, run_id=run_id, task=task, runs_dir=runs_dir,
                      on_event=Transcript(console))
    print_summary(result, console)
    return result


def print_summary(result: RunResult, console: Console) -> None:
    summary = result.state.get("summary")
    if not summary:
        console.print(f"run {result.run_id} ended: {result.status} {result.message or ''}")
        return
    tests = {True: "[green]passed[/]", False: "[red]failed[/]", None: "not run"}[summary["tests"]]
    console.print(f"\n[bold]branch[/] {summary['branch']} · {len(summary['commits'])} commit(s) · tests {tests}")
    console.print(summary["diff_stat"] or "no changes")
    console.print(f"merge:   {summary['merge']}\ndiscard: {summary['discard']}")
