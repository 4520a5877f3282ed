"""Building and normalising chat messages: PIL images become data-URL parts, tools become OpenAI specs."""
from __future__ import annotations

import hashlib
from typing import Any, Iterable, Sequence

from agents.core.models.base import Message
from perception.images import to_data_url


image_data_url = to_data_url
"""A PIL image as a `data:image/...;base64,` URL (one implementation, in perception.images)."""


def user(text: str, images: Iterable[Any] = ()) -> Message:
    """A user turn with optional PIL images attached after the text."""
    images = list(images)
    if not images:
        return {"role": "user", "content": text}
    parts: list[dict[str, Any]] = [{"type": "text", "text": text}]
    parts += [{"type": "image_url", "image_url": {"url": image_data_url(img)}} for img in images]
    return {"role": "user", "content": parts}


def system(text: str) -> Message:
    """A system turn."""
    return {"role": "system", "content": text}


def _map_parts(messages: Sequence[Message], fn) -> list[Message]:
    """Copies of `messages` with `fn` applied to every part of list-valued contents."""
    out = []
    for msg in messages:
        content = msg.get("content")
        out.append({**msg, "content": [fn(part) for part in content]} if isinstance(content, list) else msg)
    return out


def normalise(messages: Sequence[Message]) -> list[Message]:
    """Copy messages, turning `{"type": "image", "image": PIL}` parts into data-URL `image_url` parts."""
    def convert(part: dict) -> dict:
        if part.get("type") == "image" and "image" in part:
            return {"type": "image_url", "image_url": {"url": image_data_url(part["image"])}}
        return part

    return _map_parts(messages, convert)


def tool_specs(tools: Sequence[Any] | None) -> list[dict[str, Any]] | None:
    """OpenAI `tools` entries from `Tool` objects (anything with `.spec()`) or ready-made dicts."""
    if not tools:
        return None
    return [t.spec() if hasattr(t, "spec") else t for t in tools]


def summarise_for_log(messages: Sequence[Message]) -> list[Message]:
    """Messages with image data replaced by a short hash tag, so trajectories stay small and readable."""
    def tag(part: dict) -> dict:
        url = part.get("image_url", {}).get("url", "") if part.get("type") == "image_url" else ""
        if not url.startswith("data:"):
            return part
        digest = hashlib.sha256(url.encode()).hexdigest()[:12]
        return {"type": "image_url", "image_url": {"url": f"<image sha256:{digest} {len(url)} chars>"}}

    return _map_parts(messages, tag)
