"""Minecraft through Mineflayer: a bundled flying-squid server, a Node bot bridge, skills and MinecraftEnv."""
from environments.minecraft.errors import MinecraftSetupError
from environments.minecraft.node import ensure_node_packages

__all__ = ["MinecraftSetupError", "ensure_node_packages"]
