"""The Crafter world for the MP5 team: skills over pixel perception, dead-reckoned map and path planning."""
from agents.mp5.crafter.world import CrafterWorld

__all__ = ["CrafterWorld"]
