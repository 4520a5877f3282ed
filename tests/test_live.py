"""Opt-in: `pytest --run-live` against whatever OPENAI_BASE_URL / ROLEGRAPH_MODEL name (e.g. a llama.cpp server)."""
import os

import pytest
from pydantic import BaseModel

from agents.core import load_settings
from agents.core.models import user
from agents.core.models.registry import build_model

pytestmark = pytest.mark.live


class Word(BaseModel):
    word: str


@pytest.fixture
def live_model():
    settings = load_settings().model
    if not settings.name:
        pytest.skip("no live endpoint: set ROLEGRAPH_MODEL (and OPENAI_BASE_URL for a local server)")
    return build_model(settings, environ=os.environ)


def test_live_plain_and_structured(live_model):
    assert live_model.complete([user("Say hello in one word.")]).text.strip()
    reply = live_model.complete([user('Reply as JSON {"word": ...} with any English word.')], schema=Word)
    assert reply.parsed.word and reply.usage.requests <= 3
