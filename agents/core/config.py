"""Configuration: flags > environment (`OPENAI_*`, `ROLEGRAPH_*`) > `rolegraph.toml`, validated by pydantic."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.core.budget import Budget
from agents.core.errors import ConfigError


class ModelSettings(BaseModel):
    """How to reach one model. The key itself is never stored here: only the name of the env var holding it."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, description="Model name sent to the endpoint; no name means no model (offline).")
    base_url: str | None = Field(None, description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1.")
    api_key_env: str = Field("OPENAI_API_KEY", description="Env var holding the API key.")
    timeout_s: float = Field(60.0, gt=0, description="Per-request timeout.")
    max_attempts: int = Field(3, ge=1, le=10, description="HTTP requests per call, retries and re-asks included.")
    structured: Literal["auto", "json_schema", "json_object"] = Field(
        "auto", description="Structured-output mode; auto falls back to json_object when json_schema is rejected.")
    temperature: float | None = Field(None, ge=0, le=2)
    max_tokens: int | None = Field(None, gt=0)
    prompt_price_per_mtok: float = Field(0.0, ge=0, description="Dollars per million prompt tokens.")
    completion_price_per_mtok: float = Field(0.0, ge=0, description="Dollars per million completion tokens.")


class Settings(BaseModel):
    """Everything rolegraph reads from config. `roles.<name>` overrides `model` field by field for that role."""

    model_config = ConfigDict(extra="forbid")

    model: ModelSettings = Field(default_factory=ModelSettings)
    roles: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-role model overrides.")
    budget: Budget = Field(default_factory=Budget)
    runs_dir: Path = Field(Path("runs"), description="Where run directories are created.")
    test_command: str | None = Field(None, description="The repo's test command for the software team.")

    def for_role(self, role: str) -> ModelSettings:
        override = self.roles.get(role, {})
        try:
            return ModelSettings(**{**self.model.model_dump(), **override})
        except ValidationError as exc:
            raise ConfigError(f"rolegraph.toml [roles.{role}]: {_first_error(exc)}") from None


def load_settings(*, config_path: Path | str | None = None, flags: Mapping[str, Any] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    """Merge the three sources; any problem is one `ConfigError` line naming the file and the field."""
    env = os.environ if environ is None else environ
    path = Path(config_path or env.get("ROLEGRAPH_CONFIG") or "rolegraph.toml")
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text())
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path} is not valid TOML ({exc})") from None
    elif config_path is not None:
        raise ConfigError(f"config file {path} does not exist")
    model = data.setdefault("model", {})
    if not isinstance(model, dict):
        raise ConfigError(f"{path}: [model] must be a table")
    for var, key in (("ROLEGRAPH_MODEL", "name"), ("OPENAI_MODEL", "name"), ("OPENAI_BASE_URL", "base_url")):
        if env.get(var) and not (var == "OPENAI_MODEL" and env.get("ROLEGRAPH_MODEL")):
            model[key] = env[var]
    if env.get("ROLEGRAPH_RUNS_DIR"):
        data["runs_dir"] = env["ROLEGRAPH_RUNS_DIR"]
    for key, value in (flags or {}).items():
        if value is None:
            continue
        section, _, field = key.rpartition(".")
        (data.setdefault(section, {}) if section else data)[field] = value
    try:
        return Settings(**data)
    except ValidationError as exc:
        raise ConfigError(f"{path if path.exists() else 'configuration'}: {_first_error(exc)}") from None
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "root"
    return f"{where}: {err['msg']}" + (f" (got {err['input']!r})" if "input" in err and not isinstance(err["input"], dict) else "")
