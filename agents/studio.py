"""Graphs for LangGraph Studio / `langgraph dev` (listed in langgraph.json), compiled without a checkpointer
because the LangGraph server brings its own persistence."""
from __future__ import annotations

from pathlib import Path

from agents.core.factory import load_factory

_ROOT = Path(__file__).resolve().parent.parent


def debate():
    """The example debate team (needs ROLEGRAPH_MODEL / OPENAI_BASE_URL)."""
    return load_factory(f"{_ROOT / 'examples' / 'debate.py'}:build_team")().compile()


def mp5():
    """The MP5 team on Crafter for ROLEGRAPH_TASK (default "collect a diamond"), offline brains unless a model is
    configured. Start a run with the input {"task": "..."}."""
    import os

    from agents.mp5.graph import build_mp5_team

    return build_mp5_team(os.environ.get("ROLEGRAPH_TASK", "collect a diamond"), record=False).compile()
