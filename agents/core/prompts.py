"""Prompt templates as package data: Jinja2 files with a `system` and a `user` block, strict about variables."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from agents.core.errors import ConfigError

PACKAGE_PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=None)
def _env(root: str) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(root), undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


class Prompt:
    """A role's prompt: `{% block system %}` and `{% block user %}` rendered separately from one file."""

    def __init__(self, name: str, *, root: Path | str | None = None):
        self.name = name
        self.root = str(Path(root) if root is not None else PACKAGE_PROMPTS)
        try:
            self.template = _env(self.root).get_template(name)
        except jinja2.TemplateNotFound:
            raise ConfigError(f"prompt template {name!r} not found under {self.root}") from None
        missing = {"system", "user"} - set(self.template.blocks)
        if missing:
            raise ConfigError(f"prompt template {name!r} lacks block(s) {sorted(missing)}")

    def render(self, **variables: Any) -> tuple[str, str]:
        """(system text, user text). An undefined variable is an error, never an empty string."""
        ctx = self.template.new_context(variables)
        try:
            parts = ["".join(self.template.blocks[b](ctx)).strip() for b in ("system", "user")]
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"prompt {self.name!r}: {exc.message}") from None
        return parts[0], parts[1]
