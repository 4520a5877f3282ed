"""Models: the `ChatModel` protocol, the OpenAI-compatible client, and the registry that builds them from config."""
from agents.core.models.base import ChatModel, Message, ModelReply, ToolCall, Usage
from agents.core.models.errors import (ContextOverflowError, EndpointUnreachableError, InvalidOutputError,
                                       ModelAuthError, ModelBadRequestError, ModelError, ModelNotFoundError,
                                       ModelTimeoutError, ModelUnavailableError, RefusalError)
from agents.core.models.messages import image_data_url, system, user
from agents.core.models.openai_compat import OpenAICompatible, Price
from agents.core.models.retry import RetryPolicy

__all__ = [
    "ChatModel", "Message", "ModelReply", "ToolCall", "Usage", "OpenAICompatible", "Price", "RetryPolicy",
    "ModelError", "ModelAuthError", "ModelNotFoundError", "ModelBadRequestError", "ContextOverflowError",
    "ModelUnavailableError", "ModelTimeoutError", "EndpointUnreachableError", "InvalidOutputError", "RefusalError",
    "system", "user", "image_data_url",
]
