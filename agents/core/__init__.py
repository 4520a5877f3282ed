"""The library: roles, teams, models, tools, budgets and runs. Import from here."""
from agents.core.budget import Budget
from agents.core.config import ModelSettings, Settings, load_settings
from agents.core.errors import ConfigError, RolegraphError, ToolError, UserInputError
from agents.core.models import ChatModel, ModelReply, OpenAICompatible, system, user
from agents.core.models.registry import ModelRegistry
from agents.core.prompts import Prompt
from agents.core.role import Role
from agents.core.runs import RunDir, list_runs
from agents.core.team import END, START, RunResult, Team
from agents.core.tool import Tool, tool

__all__ = [
    "Budget", "ModelSettings", "Settings", "load_settings", "ConfigError", "RolegraphError", "ToolError",
    "UserInputError", "ChatModel", "ModelReply", "OpenAICompatible", "system", "user", "ModelRegistry", "Prompt",
    "Role", "RunDir", "list_runs", "END", "START", "RunResult", "Team", "Tool", "tool",
]
