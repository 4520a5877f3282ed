"""Options and helpers shared by the CLI commands."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from agents.core.config import Settings, load_settings

console = Console(stderr=False)

ModelOpt = typer.Option(None, "--model", "-m", help="Model name (env ROLEGRAPH_MODEL).")
BaseUrlOpt = typer.Option(None, "--base-url", help="OpenAI-compatible base URL (env OPENAI_BASE_URL).")
ConfigOpt = typer.Option(None, "--config", help="Path to rolegraph.toml (default ./rolegraph.toml).")
RunsDirOpt = typer.Option(None, "--runs-dir", help="Where runs live (env ROLEGRAPH_RUNS_DIR, default ./runs).")


def settings(*, config: Optional[Path] = None, model: str | None = None, base_url: str | None = None,
             runs_dir: Path | None = None, **flags) -> Settings:
    """Settings with CLI flags layered on top of env and rolegraph.toml."""
    return load_settings(config_path=config, flags={"model.name": model, "model.base_url": base_url,
                                                    "runs_dir": runs_dir, **flags})
