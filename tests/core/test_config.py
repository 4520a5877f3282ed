import pytest

from agents.core import ConfigError, load_settings
from agents.core.models.registry import ModelRegistry


def test_flags_beat_env_beat_toml(tmp_path):
    cfg = tmp_path / "rolegraph.toml"
    cfg.write_text('[model]\nname = "from-toml"\nbase_url = "http://toml/v1"\ntimeout_s = 9\n'
                   '[roles.percipient]\nname = "vision-model"\n[budget]\nmax_steps = 50\n')
    s = load_settings(config_path=cfg, environ={"ROLEGRAPH_MODEL": "from-env"})
    assert (s.model.name, s.model.base_url, s.model.timeout_s, s.budget.max_steps) == (
        "from-env", "http://toml/v1", 9, 50)
    s = load_settings(config_path=cfg, environ={"ROLEGRAPH_MODEL": "from-env"}, flags={"model.name": "from-flag"})
    assert s.model.name == "from-flag"
    assert s.for_role("percipient").name == "vision-model" and s.for_role("percipient").timeout_s == 9
    assert s.for_role("planner").name == "from-flag"


def test_no_model_means_offline_roles():
    registry = ModelRegistry(load_settings(environ={}))
    assert not registry.configured and registry.for_role("planner") is None


def test_registry_shares_one_client_per_endpoint_and_never_stores_the_key():
    settings = load_settings(environ={}, flags={"model.name": "m", "model.base_url": "http://127.0.0.1:9/v1"})
    registry = ModelRegistry(settings, environ={"OPENAI_API_KEY": "sk-CANARY-registry-000"})
    a, b = registry.for_role("planner"), registry.for_role("parser")
    assert a is b and "CANARY" not in settings.model_dump_json() and "CANARY" not in repr(a)


@pytest.mark.parametrize("text, words", [
    ("[model\n", "not valid TOML"),
    ('[model]\ntimeout_s = "soon"\n', "model.timeout_s"),
    ("[budget]\nmax_tokens = -5\n", "budget.max_tokens"),
    ('[model]\nstructured = "xml"\n', "model.structured"),
    ("[mystery]\nx = 1\n", "mystery"),
])
def test_malformed_config_is_one_clear_line(tmp_path, text, words):
    cfg = tmp_path / "rolegraph.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_settings(config_path=cfg, environ={})
    assert words in str(err.value) and "\n" not in str(err.value) and str(cfg) in str(err.value)


def test_missing_explicit_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config_path=tmp_path / "nope.toml", environ={})
