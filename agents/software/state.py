"""The software team's state and each role's typed output (all JSON-able for checkpoints)."""
from __future__ import annotations

from typing import TypedDict

from pydantic import BaseModel, Field

PHASES = ("analyse", "design", "code", "test", "review", "document")


class Requirements(BaseModel):
    """Product: what the change must do and how to check it."""

    summary: str
    requirements: list[str] = Field(default_factory=list)
    acceptance: list[str] = Field(default_factory=list, description="Checks, ideally shell commands that must pass.")


class Design(BaseModel):
    """Architect: which files change and in what steps."""

    files: list[str] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)
    notes: str = ""


class CodeReport(BaseModel):
    """Programmer: what was changed after the tool loop."""

    summary: str
    files_changed: list[str] = Field(default_factory=list)


class TestReport(BaseModel):
    """Tester: the real test result (from the command's exit status) and a summary of failures."""

    passed: bool
    summary: str = ""
    failures: list[str] = Field(default_factory=list)


class Review(BaseModel):
    """Reviewer: approve, or comments the programmer must address."""

    approve: bool
    comments: list[str] = Field(default_factory=list)


class DocReport(BaseModel):
    """Documentation written for the change."""

    summary: str
    files_changed: list[str] = Field(default_factory=list)


class SoftwareState(TypedDict, total=False):
    task: str
    phases: list[str]
    experiences: list[str]
    requirements: dict
    design: dict
    code: dict
    test: dict
    review: dict
    docs: dict
    code_rounds: int
    commits: list[str]
    summary: dict
