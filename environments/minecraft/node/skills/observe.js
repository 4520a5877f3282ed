// What the bot perceives, as plain JSON: inventory, equipment, position, vitals, time, weather, biome,
// a bounded voxel box around the bot (block counts and nearest positions) and nearby entities.
const { Vec3 } = require('vec3')

const where = bot => { const p = bot.entity.position; return `${p.x.toFixed(1)},${p.y.toFixed(1)},${p.z.toFixed(1)}` }

function inventory (bot) {
  const items = {}
  for (const item of bot.inventory.items()) items[item.name] = (items[item.name] ?? 0) + item.count
  return items
}

function equipment (bot) {
  const slots = ['hand', 'head', 'torso', 'legs', 'feet', 'off-hand']
  const out = {}
  for (const slot of slots) {
    const item = slot === 'hand' ? bot.heldItem : bot.inventory.slots[bot.getEquipmentDestSlot(slot)]
    out[slot] = item ? item.name : null
  }
  return out
}

/** Block counts and the nearest position of each block name in a box of `radius` (capped at 8). */
function voxels (bot, radius = 4) {
  const r = Math.min(8, Math.max(1, radius))
  const center = bot.entity.position.floored()
  const counts = {}; const nearest = {}; const best = {}
  const p = new Vec3(0, 0, 0)
  for (let dx = -r; dx <= r; dx++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dz = -r; dz <= r; dz++) {
        p.set(center.x + dx, center.y + dy, center.z + dz)
        const block = bot.blockAt(p, false)
        if (!block || block.name === 'air' || block.name === 'cave_air') continue
        counts[block.name] = (counts[block.name] ?? 0) + 1
        const d = dx * dx + dy * dy + dz * dz
        if (best[block.name] === undefined || d < best[block.name]) {
          best[block.name] = d
          nearest[block.name] = [p.x, p.y, p.z]
        }
      }
    }
  }
  const below = bot.blockAt(center.offset(0, -1, 0), false)?.name ?? null
  return { radius: r, counts, nearest, below }
}

function entities (bot, range = 16, limit = 20) {
  const me = bot.entity.position
  return Object.values(bot.entities)
    .filter(e => e !== bot.entity && e.position.distanceTo(me) <= range)
    .map(e => ({
      name: e.name === 'item' ? (e.getDroppedItem?.()?.name ?? 'item') : (e.username ?? e.name ?? e.type),
      type: e.type,
      position: [e.position.x, e.position.y, e.position.z].map(v => +v.toFixed(1)),
      distance: +e.position.distanceTo(me).toFixed(1)
    }))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
}

function observation (bot, { radius = 4 } = {}) {
  const pos = bot.entity.position
  const here = bot.blockAt(pos.floored(), false)
  return {
    inventory: inventory(bot),
    equipment: equipment(bot),
    position: [pos.x, pos.y, pos.z].map(v => +v.toFixed(2)),
    yaw: +bot.entity.yaw.toFixed(3),
    pitch: +bot.entity.pitch.toFixed(3),
    health: bot.health,
    food: bot.food,
    oxygen: bot.oxygenLevel ?? 20,
    time_of_day: bot.time?.timeOfDay ?? null,
    is_day: bot.time?.isDay ?? null,
    weather: bot.isRaining ? (bot.thunderState > 0 ? 'thunder' : 'rain') : 'clear',
    biome: here?.biome?.name ?? null,
    sky_visible: skyVisible(bot),
    voxels: voxels(bot, radius),
    entities: entities(bot)
  }
}

function skyVisible (bot) {
  const p = bot.entity.position.floored()
  for (let y = p.y + 2; y < 256; y++) {
    const block = bot.blockAt(new Vec3(p.x, y, p.z), false)
    if (block && block.boundingBox === 'block' && !block.name.includes('leaves')) return false
  }
  return true
}

module.exports = { observation, where, inventory, skyVisible }
