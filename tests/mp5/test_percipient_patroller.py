"""Percipient (both brains) and Patroller on real Crafter frames and fixed summaries."""
import pytest

from agents.mp5.patroller import KnowledgePatroller, LlmPatroller, preconditions, satisfied
from agents.mp5.percipient import KnowledgePercipient, LlmPercipient, cell_index
from agents.mp5.state import Question, Subgoal
from agents.testing import ScriptedModel
from environments.crafter import CrafterEnv
from perception.images import from_data_url
from perception.vision import CrafterVision


class FrameWorld:
    """A real Crafter observation with pixel perception: the state a Percipient answers about."""

    def __init__(self, seed: int = 3):
        self.env = CrafterEnv(seed=seed)
        self.obs = self.env.reset()
        self.vision = CrafterVision()

    def look(self):
        return self.vision(self.obs.image)


@pytest.fixture(scope="module")
def world():
    return FrameWorld()


def _images(call):
    return [from_data_url(p["image_url"]["url"]) for m in call.messages if isinstance(m.get("content"), list)
            for p in m["content"] if p.get("type") == "image_url"]


def test_knowledge_percipient_answers_every_question_kind(world):
    ask = KnowledgePercipient().answer
    percept = world.look()
    assert ask(Question(kind="cell", cell=cell_index(0, 0)), world).value == percept.grid[3][4]
    assert ask(Question(kind="time"), world).answer == "day"
    assert ask(Question(kind="inventory"), world).value == percept.inventory
    assert sum(ask(Question(kind="surroundings"), world).value.values()) == 63
    label = next(v for row in percept.grid for v in row if v not in ("player", "grass"))
    nearest = ask(Question(kind="nearest", target=label), world)
    dx, dy = nearest.value["dx"], nearest.value["dy"]
    assert percept.grid[3 + dy][4 + dx] == label or percept.ground[3 + dy][4 + dx] == label
    assert nearest.evidence == [cell_index(dx, dy)]
    assert ask(Question(kind="in_view", target="diamond"), world).value is False


def test_llm_percipient_sends_the_gridded_frame_zooms_and_caches(world):
    model = ScriptedModel([{"answer": "unsure", "confident": False, "zoom": [30, 31]},
                           {"answer": "grass left of the player", "evidence": [30], "value": "grass"}])
    percipient = LlmPercipient(model, max_rounds=2)
    question = Question(kind="cell", cell=30)
    answer = percipient.answer(question, world)
    assert answer.value == "grass" and answer.confident
    first, second = _images(model.calls[0])[0], _images(model.calls[1])[-1]
    assert first.size == (320, 320)  # 64 px frame enlarged x5 so every cell is >= 32 px
    assert first.getpixel((0, 0))[:3] == (255, 255, 0)  # grid line colour at a cell corner
    assert second.size == (2 * 7 * 8, 7 * 8)  # the two requested cells, 8x
    assert percipient.answer(question, world) is answer and len(model.calls) == 2  # cached per frame + question
    model.assert_complete()


def test_llm_percipient_rounds_are_bounded(world):
    model = ScriptedModel([{"answer": "?", "confident": False, "zoom": [1]}] * 3)
    answer = LlmPercipient(model, max_rounds=3).answer(Question(kind="in_view", target="cow"), world)
    assert len(model.calls) == 3 and not answer.confident


def test_preconditions_name_what_is_missing():
    goal = Subgoal(name="make stone pickaxe", kind="make", target="stone_pickaxe", nearby=["table"])
    report = preconditions(goal, {"inventory": {"wood": 1}})
    assert not report.ok and "1 stone" in report.feedback
    assert preconditions(goal, {"inventory": {"wood": 1, "stone": 1}}).ok


def test_success_checks_both_brains():
    goal = Subgoal(name="collect wood x2", kind="collect", target="wood", count=2)
    before, after = {"inventory": {}}, {"inventory": {"wood": 2}}
    assert KnowledgePatroller().check(goal, before=before, after=after, results=[]).ok
    failed = KnowledgePatroller().check(goal, before=before, after={"inventory": {"wood": 1}},
                                        results=[{"ok": False, "message": "tree not found"}])
    assert not failed.ok and "tree not found" in failed.feedback
    model = ScriptedModel([{"ok": True, "feedback": "looks done", "suggestion": ""}])
    verdict = LlmPatroller(model).check(goal, before=before, after={"inventory": {"wood": 1}}, results=[])
    assert not verdict.ok and verdict.feedback == "looks done"  # the rule check is the authority on success
    assert '"wood": 1' in model.calls[0].last_user_text
    assert satisfied(Subgoal(name="wake", kind="achieve", target="wake_up"), {"achievements": ["wake_up"]})
