"""report.html for any run: status, usage per role, plan tree, frames and the per-role transcript."""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import jinja2

from agents.core.runs import RunDir

_TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def _template() -> jinja2.Template:
    """Compiled once per process (8 ms; every run ends with a report, an eval worker runs many)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True)
    env.filters["pretty"] = lambda v: json.dumps(v, indent=2, ensure_ascii=False, default=str)
    return env.get_template("report.html.j2")


def write_report(run: RunDir) -> Path:
    """Render `runs/<id>/report.html` from run.json and trajectory.jsonl; safe to call repeatedly."""
    meta = run.meta()
    events = list(run.events())
    transcript: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event.get("kind") in ("model_call", "tool_call"):
            transcript[event.get("role", "?")].append(event)
    plan = next((e["plan"] for e in reversed(events) if e.get("kind") == "plan"), None)
    frames = [e for e in events if e.get("kind") == "frame"]
    summary = next((e for e in reversed(events) if e.get("kind") == "summary"), None)
    summary = {k: v for k, v in (summary or {}).items() if k not in ("t", "elapsed", "kind")}
    html = _template().render(
        meta=meta, usage=meta.get("usage") or {}, transcript=dict(transcript), plan=plan, frames=frames,
        summary=summary, gif=(run.path / "episode.gif").exists(),
        steps=sum(1 for e in events if e.get("kind") == "step"),
        seconds=max((e.get("elapsed", 0) for e in events), default=0))
    return run.write_text("report.html", html)
