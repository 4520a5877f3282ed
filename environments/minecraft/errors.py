"""The one exception Minecraft set-up problems raise: a one-line message that says how to fix it."""
from __future__ import annotations


class MinecraftSetupError(Exception):
    """Node/npm or node packages missing, or the Minecraft server unreachable. `str(err)` is one line
    naming the fix, so a CLI can print it as is and exit non-zero."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
