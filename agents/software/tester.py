"""Tester (test phase): runs the repo's tests and acceptance commands for real; the model only summarises."""
from __future__ import annotations

from agents.core.role import Role
from agents.software.crew import Crew, emit
from agents.software.state import TestReport


def test(crew: Crew):
    role = Role("tester", "software/tester.j2", crew.models["tester"], output=TestReport)

    def node(state: dict) -> dict:
        ran = crew.tools.test_run()
        if ran is None:
            report = TestReport(passed=True, summary="no test command detected; nothing was run")
            return {"test": {**report.model_dump(), "command": None}}
        command, result = ran
        passed = result.exit_code == 0 and not result.timed_out
        emit("test_run", command=command, exit_code=result.exit_code, passed=passed, isolation=result.isolation)
        reply = role.ask(command=command, exit_status="timed out" if result.timed_out else result.exit_code,
                         output=result.output[-6000:], passed=passed)
        report = reply.parsed.model_copy(update={"passed": passed})
        return {"test": {**report.model_dump(), "command": command}}

    return node
