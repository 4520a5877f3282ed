"""One retry policy for model calls. The openai client's own retries are switched off so the two never stack."""
from __future__ import annotations

import random

from pydantic import BaseModel, Field


class RetryPolicy(BaseModel):
    """Bounded attempts with exponential backoff that honours the server's retry-after."""

    max_attempts: int = Field(3, ge=1, le=10, description="HTTP requests per `complete` call, re-asks included.")
    base_delay_s: float = Field(0.5, ge=0, description="First backoff; doubles each attempt.")
    max_delay_s: float = Field(20.0, ge=0, description="Cap on any single wait, retry-after included.")
    jitter: float = Field(0.1, ge=0, le=1, description="Fraction of random spread added to each wait.")

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before attempt `attempt + 1`; a server's retry-after wins when given."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay_s)
        wait = self.base_delay_s * (2 ** (attempt - 1))
        return min(wait * (1 + self.jitter * random.random()), self.max_delay_s)


def parse_retry_after(headers) -> float | None:
    """Read `retry-after-ms` or `retry-after` (seconds) from response headers, if present and numeric."""
    if headers is None:
        return None
    for key, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(key)
        if value is None:
            continue
        try:
            return float(value) * scale
        except ValueError:
            continue
    return None
