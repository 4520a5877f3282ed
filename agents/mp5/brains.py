"""`--brains percipient=llm,rest=knowledge`: which implementation each MP5 module runs (also how ablations run)."""
from __future__ import annotations

from typing import Any, Callable

from agents.core.errors import ConfigError, UserInputError

MODULES = ("parser", "percipient", "planner", "performer", "patroller")
BRAINS = ("llm", "knowledge")


def parse_brains(spec: str | None, *, model_configured: bool) -> dict[str, str]:
    """Module -> brain. Default: all `llm` with a model configured, all `knowledge` without one."""
    default = "llm" if model_configured else "knowledge"
    choice = {m: default for m in MODULES}
    if not spec:
        return choice
    for part in spec.split(","):
        name, sep, brain = (p.strip() for p in part.partition("="))
        if not sep or brain not in BRAINS:
            raise UserInputError(f"--brains: {part!r} is not MODULE=llm|knowledge (modules: {', '.join(MODULES)}, rest)")
        if name in ("rest", "all", "*"):
            for m in MODULES:
                if not _explicit(spec, m):
                    choice[m] = brain
        elif name in MODULES:
            choice[name] = brain
        else:
            raise UserInputError(f"--brains: unknown module {name!r} (modules: {', '.join(MODULES)}, rest)")
    if not model_configured and "llm" in choice.values():
        llm = [m for m, b in choice.items() if b == "llm"]
        raise UserInputError(f"--brains asks for llm brains ({', '.join(llm)}) but no model is configured: "
                             "pass --model/--base-url or set ROLEGRAPH_MODEL")
    return choice


def _explicit(spec: str, module: str) -> bool:
    return any(p.strip().startswith(f"{module}=") for p in spec.split(","))


def build_brain(module: str, brain: str, model: Any, *, llm: Callable[[Any], Any], knowledge: Callable[[], Any]):
    """The module's implementation for `brain`: `llm(model)` (which needs a model) or `knowledge()`."""
    if brain == "llm":
        if model is None:
            raise ConfigError(f"the llm {module} needs a model: pass --model/--base-url or set ROLEGRAPH_MODEL")
        return llm(model)
    return knowledge()
