"""Builds each role's model from `Settings`; the key is read from the environment here and nowhere else."""
from __future__ import annotations

import os
from typing import Mapping

from agents.core.config import ModelSettings, Settings
from agents.core.models.base import ChatModel
from agents.core.models.openai_compat import OpenAICompatible, Price
from agents.core.models.retry import RetryPolicy


def build_model(settings: ModelSettings, *, environ: Mapping[str, str] | None = None) -> OpenAICompatible:
    """An `OpenAICompatible` for these settings (the caller checked that a model name is set)."""
    env = os.environ if environ is None else environ
    return OpenAICompatible(
        settings.name or "default", base_url=settings.base_url, api_key=env.get(settings.api_key_env),
        timeout_s=settings.timeout_s, retry=RetryPolicy(max_attempts=settings.max_attempts),
        structured=settings.structured, temperature=settings.temperature, max_tokens=settings.max_tokens,
        price=Price(prompt_per_mtok=settings.prompt_price_per_mtok,
                    completion_per_mtok=settings.completion_price_per_mtok))


class ModelRegistry:
    """One model per distinct role setting, shared between roles that configure the same endpoint."""

    def __init__(self, settings: Settings, *, environ: Mapping[str, str] | None = None):
        self.settings = settings
        self._env = environ
        self._cache: dict[str, ChatModel] = {}

    @property
    def configured(self) -> bool:
        return bool(self.settings.model.name) or any(r.get("name") for r in self.settings.roles.values())

    def preflight(self, roles) -> None:
        """Ping each distinct endpoint the given roles use, once (see `OpenAICompatible.ping`)."""
        seen = set()
        for role in roles:
            model = self.for_role(role)
            if model is not None and id(model) not in seen and hasattr(model, "ping"):
                seen.add(id(model))
                model.ping()

    def for_role(self, role: str) -> ChatModel | None:
        """The role's model, or None when no model is configured for it (the role then runs its offline brain)."""
        settings = self.settings.for_role(role)
        if not settings.name:
            return None
        key = settings.model_dump_json()
        if key not in self._cache:
            self._cache[key] = build_model(settings, environ=self._env)
        return self._cache[key]
