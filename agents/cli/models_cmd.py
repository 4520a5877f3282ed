"""`rolegraph models check`: one honest look at the configured endpoint."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer
from PIL import Image
from pydantic import BaseModel
from rich.table import Table

from agents.cli import app
from agents.cli.common import BaseUrlOpt, ConfigOpt, ModelOpt, console, settings
from agents.core.errors import ConfigError
from agents.core.models.errors import ModelError
from agents.core.models.messages import user
from agents.core.models.registry import build_model

models_app = typer.Typer(no_args_is_help=True, help="Inspect the configured model endpoint.")
app.add_typer(models_app, name="models")


class _Colour(BaseModel):
    colour: str


@models_app.command("check")
def check(model: Optional[str] = ModelOpt, base_url: Optional[str] = BaseUrlOpt, role: str = typer.Option(
          "default", help="Check the model configured for this role."), config: Optional[Path] = ConfigOpt) -> None:
    """Call the endpoint: report the model, latency, and whether structured output and images work."""
    s = settings(config=config, model=model, base_url=base_url).for_role(role)
    if not s.name:
        raise ConfigError("no model configured: pass --model (and --base-url) or set ROLEGRAPH_MODEL / OPENAI_BASE_URL")
    chat = build_model(s)
    started = time.monotonic()
    reply = chat.complete([user("Reply with the single word: ready")])
    table = Table("check", "result")
    table.add_row("endpoint", chat.endpoint)
    table.add_row("model", reply.model or s.name)
    table.add_row("latency", f"{time.monotonic() - started:.2f} s ({reply.usage.total_tokens} tokens)")
    table.add_row("reply", reply.text.strip()[:60] or "(empty)")
    table.add_row("structured output", _probe(lambda: chat.complete(
        [user("What colour is the sky on a clear day? Answer as JSON.")], schema=_Colour).parsed.colour)
        + f" (mode {chat.structured_mode})")
    image = Image.new("RGB", (32, 32), (220, 20, 20))
    table.add_row("images", _probe(lambda: chat.complete([user("What colour is this image? One word.",
                                                                [image])]).text.strip()[:40]))
    console.print(table)


def _probe(fn) -> str:
    try:
        return f"ok: {fn()}"
    except ModelError as exc:
        return f"no: {type(exc).__name__}: {exc}"
