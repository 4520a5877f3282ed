"""Shared fixtures: every test runs with its own runs dir and no real secrets in the environment."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--run-live", action="store_true", default=False,
                     help="run tests against the real endpoint named by OPENAI_BASE_URL / ROLEGRAPH_MODEL")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--run-live"):
        return
    skip = pytest.mark.skip(reason="live model test: pass --run-live with OPENAI_BASE_URL and ROLEGRAPH_MODEL set")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch, request):
    """Own runs dir, own cwd, no model configured unless a test says so."""
    if "live" in request.keywords:
        yield
        return
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ROLEGRAPH_MODEL", "OPENAI_MODEL", "ROLEGRAPH_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ROLEGRAPH_RUNS_DIR", str(tmp_path / "runs"))
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def runs_dir(tmp_path) -> Path:
    return tmp_path / "runs"


@pytest.fixture
def cli_env(tmp_path) -> dict[str, str]:
    """Environment for `rolegraph` subprocesses: this interpreter's bin first, runs under tmp_path."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ROLEGRAPH_MODEL")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["ROLEGRAPH_RUNS_DIR"] = str(tmp_path / "runs")
    env["PYTHONPATH"] = str(ROOT)
    return env


@pytest.fixture(scope="module")
def cli_env_module(tmp_path_factory) -> dict[str, str]:
    """Like `cli_env`, for module-scoped fixtures that run the CLI once for several tests."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ROLEGRAPH_MODEL")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = str(ROOT)
    return env
