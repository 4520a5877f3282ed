"""Stations placed for crafting stay within one cell's reach of each other (real game, cells staged)."""
import pytest

from agents.mp5.crafter.skills.build import in_reach, place


@pytest.mark.parametrize("facing", [(1, 0), (-1, 0), (0, 1), (0, -1)])
def test_a_furnace_is_placed_where_the_table_stays_in_reach(staged, facing):
    """Facing the table beside it, the player places the furnace on another neighbour of its own cell (turning on
    the spot), never one step away on the far side, from where no cell reaches both."""
    w, env = staged(60, "sand", {facing: "table"}, inventory={"stone": 4})
    player = env._player
    player.facing = facing
    w.body.act("noop")
    assert in_reach(w.body, "table") and w.body.percept.facing_tile() == "table"
    ok, message, _ = place(w.body, "furnace")
    assert ok, message
    assert in_reach(w.body, "table") and in_reach(w.body, "furnace")
