"""Ask the Percipient three questions about a Crafter frame (pixel perception; a multimodal model if configured)."""
import sys

from agents.core import ModelRegistry, load_settings
from agents.mp5.percipient import KnowledgePercipient, LlmPercipient
from agents.mp5.state import Question
from environments.crafter import CrafterEnv
from perception.vision import CrafterVision


class Frame:
    """One real Crafter observation, seen through pixel perception."""

    def __init__(self, seed: int):
        self.obs = CrafterEnv(seed=seed).reset()
        self.vision = CrafterVision()

    def look(self):
        return self.vision(self.obs.image)


if __name__ == "__main__":
    frame = Frame(seed=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    model = ModelRegistry(load_settings()).for_role("percipient")
    percipient = LlmPercipient(model) if model else KnowledgePercipient()
    for question in (Question(kind="surroundings"), Question(kind="nearest", target="tree"), Question(kind="time")):
        answer = percipient.answer(question, frame)
        print(f"{question.kind:>12}: {answer.answer} (evidence cells {answer.evidence})")
