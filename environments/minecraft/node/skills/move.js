// Movement skills: find, move_to, dig_down, dig_up.
const { Vec3 } = require('vec3')
const { goals } = require('mineflayer-pathfinder')
const u = require('./util')
const observe = require('./observe')
const { centre } = require('./centre')

async function find ({ name, max_distance = 32, count = 5 }, { bot }) {
  const me = bot.entity.position
  const blocks = u.findBlocks(bot, name, max_distance, count)
  if (blocks.length) {
    const found = blocks.map(b => ({ name: b.name, position: u.pos3(b.position), distance: +b.position.distanceTo(me).toFixed(1) }))
    return u.result(true, `found ${found.length} ${name} (nearest ${found[0].distance} blocks away)`, { kind: 'block', found })
  }
  const entities = Object.values(bot.entities)
    .filter(e => e !== bot.entity && (e.name === name || e.username === name) && e.position.distanceTo(me) <= max_distance)
    .sort((a, b) => a.position.distanceTo(me) - b.position.distanceTo(me)).slice(0, count)
  if (entities.length) {
    const found = entities.map(e => ({ name, id: e.id, position: u.pos3(e.position).map(v => +v.toFixed(1)), distance: +e.position.distanceTo(me).toFixed(1) }))
    return u.result(true, `found ${found.length} ${name} entities`, { kind: 'entity', found })
  }
  return u.result(false, `no ${name} within ${Math.min(max_distance, u.MAX_DISTANCE)} blocks`, { found: [] })
}

async function move_to ({ x, y, z, range = 1 }, ctx) {
  await u.goto(ctx.bot, new goals.GoalNear(x, y, z, range), Math.max(1000, ctx.deadline - Date.now() - 500))
  const p = ctx.bot.entity.position
  return u.result(true, `at ${p.x.toFixed(1)},${p.y.toFixed(1)},${p.z.toFixed(1)}`, { position: u.pos3(p) })
}

async function equipPickaxe (bot) {
  const order = ['netherite_pickaxe', 'diamond_pickaxe', 'iron_pickaxe', 'stone_pickaxe', 'wooden_pickaxe', 'golden_pickaxe']
  const pick = order.map(n => bot.inventory.items().find(i => i.name === n)).find(Boolean)
  if (pick) await bot.equip(pick, 'hand')
  return pick?.name ?? null
}

/** Dig straight down `depth` blocks (or down to layer `y`), picking up what falls with the bot. */
async function dig_down ({ depth = 10, y = null }, ctx) {
  const { bot } = ctx
  const token = ctx.token
  const start = Math.floor(bot.entity.position.y)
  const target = y !== null ? Math.max(1, y) : Math.max(1, start - depth)
  await equipPickaxe(bot)
  await centre(bot)
  while (Math.floor(bot.entity.position.y + 0.01) > target) {
    u.checkAlive(ctx, token)
    const feet = bot.entity.position.floored()
    const below = bot.blockAt(feet.offset(0, -1, 0))
    if (!below) break
    if (below.name === 'bedrock') return u.result(false, `bedrock at y=${below.position.y}`, { y: feet.y })
    if (below.boundingBox === 'block') {
      if (below.harvestTools) await equipPickaxe(bot)
      await bot.dig(below, true)
    }
    await u.waitUntil(() => bot.entity.position.y < feet.y - 0.5 && bot.entity.onGround, 2500)
  }
  await u.sleep(600) // drops under the bot are picked up
  const now = Math.floor(bot.entity.position.y + 0.01)
  return u.result(now <= target, `dug down from y=${start} to y=${now}`, { from: start, y: now })
}

/** Climb back to the surface by digging a staircase (one block forward and up per step): no scaffolding needed. */
async function dig_up ({ max_steps = 90 }, ctx) {
  const { bot } = ctx
  const token = ctx.token
  const from = Math.floor(bot.entity.position.y + 0.01)
  const dirs = [[1, 0], [0, 1], [-1, 0], [0, -1]]
  let first = 0
  await equipPickaxe(bot)
  for (let step = 0; step < max_steps; step++) {
    u.checkAlive(ctx, token)
    if (observe.skyVisible(bot) && bot.entity.onGround) {
      const y = Math.floor(bot.entity.position.y + 0.01)
      return u.result(true, `at the surface: climbed from y=${from} to y=${y}`, { from, y })
    }
    const feet = bot.entity.position.floored()
    let moved = false
    for (let i = 0; i < 4 && !moved; i++) {
      const [dx, dz] = dirs[(first + i) % 4]
      const support = bot.blockAt(feet.offset(dx, 0, dz))
      if (!support || support.boundingBox !== 'block' || support.name === 'bedrock') continue
      try {
        await u.goto(bot, new goals.GoalBlock(feet.x + dx, feet.y + 1, feet.z + dz), 8000)
        moved = true
        first = (first + i) % 4
      } catch (err) {
        if (err.message === 'cancelled') throw err
      }
    }
    if (!moved) break
  }
  const y = Math.floor(bot.entity.position.y + 0.01)
  return u.result(false, `could not reach the surface (climbed from y=${from} to y=${y})`, { from, y })
}

module.exports = { find, move_to, dig_down, dig_up, equipPickaxe }
