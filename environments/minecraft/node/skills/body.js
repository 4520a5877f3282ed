// Skills on the bot's own body and surroundings: place, equip, eat, fight.
const { Vec3 } = require('vec3')
const { goals } = require('mineflayer-pathfinder')
const u = require('./util')

const INTERACTIVE = new Set(['crafting_table', 'furnace', 'chest']) // clicking them opens a window instead
const solidGround = block => block?.boundingBox === 'block' && !INTERACTIVE.has(block.name)

/** Air cells next to the bot, standing on a solid block, not where the bot stands. */
function placeSpots (bot) {
  const feet = bot.entity.position.floored()
  const spots = []
  for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, 1], [1, -1], [-1, -1], [2, 0], [0, 2], [-2, 0], [0, -2]]) {
    for (const dy of [0, -1, 1]) {
      const at = feet.offset(dx, dy, dz)
      const cell = bot.blockAt(at); const ground = bot.blockAt(at.offset(0, -1, 0))
      const clear = dy < 0 || Math.hypot(at.x + 0.5 - bot.entity.position.x, at.z + 0.5 - bot.entity.position.z) > 1.2
      if (cell?.name === 'air' && solidGround(ground) && clear) spots.push(ground) // not inside the bot
    }
  }
  return spots
}

/** Dig out a block beside the bot's feet (keeping the floor under it), for placing in a 1-wide tunnel. */
async function digSpot (bot) {
  const feet = bot.entity.position.floored()
  for (const [dx, dz] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
    const cell = bot.blockAt(feet.offset(dx, 0, dz)); const ground = bot.blockAt(feet.offset(dx, -1, dz))
    if (!solidGround(cell) || !solidGround(ground) || cell.name === 'bedrock' || !cell.diggable) continue // keep stations
    await bot.tool.equipForBlock(cell, {})
    await bot.dig(cell, true)
    return [bot.blockAt(ground.position)]
  }
  return []
}

async function place ({ name }, ctx) {
  const { bot } = ctx
  const item = bot.inventory.items().find(i => i.name === name)
  if (!item) return u.result(false, `no ${name} in inventory`, {})
  let lastError = 'no free spot next to the bot'
  let spots = placeSpots(bot)
  if (!spots.length) spots = await digSpot(bot) // in a tunnel: make room first (this holds a pickaxe)
  await bot.equip(bot.inventory.items().find(i => i.name === name), 'hand')
  for (const ground of spots.slice(0, 6)) {
    try {
      await bot.placeBlock(ground, new Vec3(0, 1, 0))
      const at = ground.position.offset(0, 1, 0)
      return u.result(true, `placed ${name} at ${at.x},${at.y},${at.z}`, { position: u.pos3(at) })
    } catch (err) {
      lastError = err.message
      const placed = bot.blockAt(ground.position.offset(0, 1, 0))
      if (placed?.name === name) return u.result(true, `placed ${name}`, { position: u.pos3(placed.position) })
    }
  }
  return u.result(false, `could not place ${name}: ${lastError}`, {})
}

async function equip ({ name, destination = 'hand' }, { bot }) {
  const item = bot.inventory.items().find(i => i.name === name)
  if (!item) return u.result(false, `no ${name} in inventory`, {})
  await bot.equip(item, destination)
  return u.result(true, `equipped ${name} to ${destination}`, {})
}

async function eat ({ name = null }, { bot }) {
  const foods = bot.registry.foodsByName ?? {}
  const item = bot.inventory.items().find(i => (name ? i.name === name : !!foods[i.name]))
  if (!item) return u.result(false, `no ${name ?? 'food'} in inventory`, {})
  if (bot.food >= 20) return u.result(false, 'not hungry (food is full)', { food: bot.food })
  const before = bot.food
  await bot.equip(item, 'hand')
  await bot.consume()
  return u.result(true, `ate ${item.name} (food ${before} -> ${bot.food})`, { food: bot.food })
}

async function fight ({ name, max_distance = 16 }, ctx) {
  const { bot } = ctx
  const token = ctx.token
  const target = bot.nearestEntity(e => e.name === name && e.position.distanceTo(bot.entity.position) <= max_distance)
  if (!target) return u.result(false, `no ${name} within ${max_distance} blocks`, {})
  const weapon = bot.inventory.items().find(i => i.name.endsWith('_sword')) ?? bot.inventory.items().find(i => i.name.endsWith('_axe'))
  if (weapon) await bot.equip(weapon, 'hand')
  let hits = 0
  while (bot.entities[target.id] && target.isValid !== false) {
    u.checkAlive(ctx, token)
    if (target.position.distanceTo(bot.entity.position) > 3) {
      try { await u.goto(bot, new goals.GoalNear(target.position.x, target.position.y, target.position.z, 2), 5000) } catch {}
      continue
    }
    await bot.lookAt(target.position.offset(0, target.height ?? 1, 0) ?? target.position, true)
    bot.attack(target)
    hits += 1
    await u.sleep(650)
  }
  await u.pickUp(bot, target.position)
  return u.result(true, `defeated ${name} after ${hits} hits`, { hits })
}

module.exports = { place, equip, eat, fight }
