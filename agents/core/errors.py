"""Errors a user can act on. Each carries a one-line message and a distinct CLI exit status."""
from __future__ import annotations


class RolegraphError(Exception):
    """Base for every error the CLI turns into one line on stderr and `exit_code`."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(RolegraphError):
    """Malformed rolegraph.toml, bad flag values, negative budgets."""

    exit_code = 3


class UnknownRunError(RolegraphError):
    """A run id with no run directory."""

    exit_code = 4


class RunLockedError(RolegraphError):
    """Another process is already driving this run."""

    exit_code = 5


class CheckpointError(RolegraphError):
    """The checkpoint database is corrupt or cannot be written."""

    exit_code = 6


class UserInputError(RolegraphError):
    """Bad input such as an unknown task, a non-git directory, a repo with no commits."""

    exit_code = 2


class EnvironmentSetupError(RolegraphError):
    """A world cannot start: missing Node/npm packages, unreachable game server."""

    exit_code = 7


class ToolError(Exception):
    """A tool refused or failed; the message goes back to the model as the tool result."""
