"""Typed model errors: each names the endpoint and the fix, never the key, and maps to an exit status."""
from __future__ import annotations

from agents.core.errors import RolegraphError


class ModelError(RolegraphError):
    """Base for everything a model endpoint can do wrong."""

    exit_code = 10
    retryable = False

    def __init__(self, message: str, *, endpoint: str = "", status: int | None = None, requests: int = 0):
        super().__init__(message)
        self.endpoint = endpoint
        self.status = status
        self.requests = requests


class ModelAuthError(ModelError):
    """401/403: the key is missing, wrong or lacks access."""

    exit_code = 11


class ModelNotFoundError(ModelError):
    """404: wrong base URL path or unknown model name."""

    exit_code = 12


class ModelBadRequestError(ModelError):
    """400/422: the server rejected the request itself."""

    exit_code = 13


class ContextOverflowError(ModelError):
    """The prompt exceeds the model's context window. Never retried."""

    exit_code = 14


class ModelUnavailableError(ModelError):
    """429 or 5xx still failing after the retry budget."""

    exit_code = 15
    retryable = True


class ModelTimeoutError(ModelError):
    """No answer within the timeout, every attempt."""

    exit_code = 16
    retryable = True


class EndpointUnreachableError(ModelError):
    """Connection refused or reset: nothing answers at the base URL."""

    exit_code = 17
    retryable = True


class InvalidOutputError(ModelError):
    """The reply never matched the requested schema within the re-ask budget."""

    exit_code = 18


class RefusalError(ModelError):
    """The model refused to answer."""

    exit_code = 19
