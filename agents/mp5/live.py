"""The live Rich view of an MP5 run: sub-objective tree, current skill, vitals, inventory, model calls per role."""
from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.tree import Tree

ICONS = {"done": "[green]✔[/]", "skipped": "[green]–[/]", "active": "[yellow]▶[/]", "failed": "[red]✘[/]",
         "pending": "·"}


class LiveView:
    """Listens to trajectory events; redraws on a TTY, prints one line per sub-objective otherwise."""

    def __init__(self, console: Console):
        self.console = console
        self.plan: list[dict] = []
        self.skill = ""
        self.world: dict[str, Any] = {}
        self.calls: dict[str, list[int]] = {}
        self.live = Live(console=console, refresh_per_second=4, transient=False) if console.is_terminal else None

    def __enter__(self) -> "LiveView":
        if self.live is not None:
            self.live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.live is not None:
            self.live.update(self.render())
            self.live.__exit__(*exc)

    def __call__(self, event: dict) -> None:
        kind = event.get("kind")
        if kind == "plan":
            self.plan = event["plan"]
        elif kind == "skill":
            self.skill = f"{event['skill']}({', '.join(f'{k}={v}' for k, v in event['args'].items())})"
        elif kind == "step" and isinstance(event.get("update"), dict) and "world" in event["update"]:
            self.world = event["update"]["world"]
        elif kind == "model_call" and event.get("usage"):
            row = self.calls.setdefault(event["role"], [0, 0])
            row[0] += 1
            row[1] += event["usage"]["prompt_tokens"] + event["usage"]["completion_tokens"]
        elif kind == "subgoal" and self.live is None:
            self.console.print(f"[step {self.world.get('step', 0)}] sub-objective: {event['name']}")
        if self.live is not None:
            self.live.update(self.render())

    def render(self) -> Group:
        tree = Tree("plan")
        for root in self.plan:
            node = tree.add(f"{ICONS.get(root['status'], '')} {root['name']}")
            for child in root.get("children", []):
                node.add(f"{ICONS.get(child['status'], '')} {child['name']}")
        table = Table.grid(padding=(0, 2))
        status = self.world.get("status", {})
        table.add_row("skill", self.skill or "-")
        table.add_row("step", str(self.world.get("step", 0)))
        table.add_row("vitals", " ".join(f"{k} {status.get(k, '?')}" for k in ("health", "food", "drink", "energy")))
        table.add_row("inventory", " ".join(f"{k}:{v}" for k, v in self.world.get("inventory", {}).items()) or "-")
        table.add_row("model calls", " ".join(f"{r}: {c} ({t} tok)" for r, (c, t) in self.calls.items()) or "none (offline)")
        return Group(tree, table)
