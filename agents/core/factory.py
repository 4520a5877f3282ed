"""Rebuilding a team from what run.json recorded: a factory `module:function` (or `file.py:function`) and its args."""
from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any, Callable

from agents.core.errors import UserInputError


def load_factory(ref: str) -> Callable[..., Any]:
    """Import `ref` = "package.module:function" or "path/to/file.py:function"."""
    target, _, attr = ref.rpartition(":")
    if not target or not attr:
        raise UserInputError(f"team factory {ref!r} is not of the form module:function")
    try:
        if target.endswith(".py"):
            path = Path(target)
            spec = importlib.util.spec_from_file_location(f"_rolegraph_factory_{path.stem}", path)
            if spec is None or spec.loader is None or not path.exists():
                raise FileNotFoundError(path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        else:
            module = importlib.import_module(target)
        return getattr(module, attr)
    except (ImportError, FileNotFoundError, AttributeError) as exc:
        raise UserInputError(f"cannot load team factory {ref!r} ({exc})") from None


def factory_ref(fn: Callable[..., Any]) -> str:
    """The reference `load_factory` accepts for `fn`, by file path when its module is a script."""
    module = fn.__module__
    if module in ("__main__",) or module.startswith("_rolegraph_factory_"):
        import inspect

        return f"{Path(inspect.getfile(fn)).resolve()}:{fn.__name__}"
    return f"{module}:{fn.__name__}"
