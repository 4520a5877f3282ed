"""Minecraft through Mineflayer: a bundled flying-squid server, a Node bot bridge, skills and MinecraftEnv."""
from environments.minecraft.env import MinecraftEnv
from environments.minecraft.errors import MinecraftSetupError
from environments.minecraft.node import ensure_node_packages
from environments.minecraft.skills import SKILLS, SkillResult

__all__ = ["MinecraftEnv", "MinecraftSetupError", "SKILLS", "SkillResult", "ensure_node_packages"]
