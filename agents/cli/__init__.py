"""The `rolegraph` command: Typer app; every error becomes one line on stderr and a distinct exit status."""
from __future__ import annotations

import sys

import typer

from agents.core.errors import RolegraphError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Compose LLM roles into checkpointed LangGraph teams: MP5 in Crafter/Minecraft, "
                       "a software team on your repo.")


def _register() -> None:
    from agents.cli import eval_cmd, models_cmd, run_cmd, runs_cmd, setup_cmd, team_cmd  # noqa: F401  (commands attach)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    _register()
    try:
        result = app(args=argv, prog_name="rolegraph", standalone_mode=False)
    except RolegraphError as exc:
        _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted (resume with `rolegraph resume RUN_ID`)", 130)
    except Exception as exc:
        if type(exc).__name__ == "Abort":
            _fail("aborted", 130)
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help was printed
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # Typer/Click usage errors
            command = getattr(getattr(exc, "ctx", None), "command_path", "rolegraph")
            _fail(f"{exc.format_message()} (see `{command} --help`)", exc.exit_code)
        raise
    sys.exit(result if isinstance(result, int) else 0)


def _fail(message: str, code: int) -> None:
    typer.echo(f"rolegraph: error: {' '.join(message.split())}", err=True)
    sys.exit(code)
