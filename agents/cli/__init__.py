"""The `rolegraph` command: Typer app; every `RolegraphError` becomes one line on stderr and its exit status."""
from __future__ import annotations

import sys

import typer

from agents.core.errors import RolegraphError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Compose LLM roles into checkpointed LangGraph teams: MP5 in Crafter/Minecraft, "
                       "a software team on your repo.")


def _register() -> None:
    from agents.cli import eval_cmd, models_cmd, run_cmd, runs_cmd, team_cmd  # noqa: F401  (commands attach to `app`)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    _register()
    try:
        app(args=argv, prog_name="rolegraph")
    except RolegraphError as exc:
        typer.echo(f"rolegraph: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("rolegraph: interrupted (resume with `rolegraph resume RUN_ID`)", err=True)
        sys.exit(130)
