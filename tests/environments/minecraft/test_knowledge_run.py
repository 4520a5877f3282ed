"""The scripted knowledge run goes from an empty inventory to an iron pickaxe on the bundled server."""
from __future__ import annotations

from environments.minecraft import MinecraftEnv
from environments.minecraft.scripted import obtain


def test_empty_inventory_to_iron_pickaxe(node_ready):
    with MinecraftEnv(seed=5, furnace_speed=5) as env:
        assert env.reset().inventory == {}
        run = obtain("iron_pickaxe", env, budget_s=300)
        assert run.success, "\n".join(run.log)
        assert run.inventory.get("iron_pickaxe") == 1
        steps = " ".join(run.log)
        assert "smelt iron_ingot" in steps and "craft stone_pickaxe" in steps
        assert steps.index("craft stone_pickaxe") < steps.index("mine iron_ore")
