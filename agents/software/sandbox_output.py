"""Head+tail clipping of command and tool output, so a flood never fills memory and both ends stay visible."""
from __future__ import annotations


def clip_marker(clipped: int) -> str:
    """The line that replaces the middle of clipped output, stating how much was dropped."""
    return f"\n... [clipped {clipped:,} bytes] ...\n"


def clip_text(text: str, *, limit: int) -> str:
    """Keep the first and last `limit // 2` characters of `text`, stating how many bytes were dropped."""
    if len(text) <= limit:
        return text
    half = max(limit // 2, 1)
    head, tail = text[:half], text[-half:]
    dropped = len(text.encode("utf-8", "replace")) - len(head.encode("utf-8", "replace"))
    dropped -= len(tail.encode("utf-8", "replace"))
    return head + clip_marker(dropped) + tail


class StreamClipper:
    """Accumulates a byte stream incrementally, keeping only its head and tail (bounded memory)."""

    def __init__(self, *, limit: int):
        self.half = max(limit // 2, 1)
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def feed(self, chunk: bytes) -> None:
        """Add a chunk; memory stays at about `limit` bytes however much is fed."""
        self.total += len(chunk)
        room = self.half - len(self.head)
        if room > 0:
            self.head += chunk[:room]
            chunk = chunk[room:]
        if chunk:
            self.tail += chunk[-self.half:]
            if len(self.tail) > 2 * self.half:
                del self.tail[: len(self.tail) - self.half]

    @property
    def clipped(self) -> int:
        """Bytes seen but not kept."""
        return self.total - len(self.head) - min(len(self.tail), self.half)

    def text(self) -> str:
        """The kept output as text, with the clipped size stated where the middle was dropped."""
        tail = bytes(self.tail[-self.half:])
        head = bytes(self.head)
        if self.clipped == 0:
            return (head + tail).decode("utf-8", "replace")
        return head.decode("utf-8", "replace") + clip_marker(self.clipped) + tail.decode("utf-8", "replace")
