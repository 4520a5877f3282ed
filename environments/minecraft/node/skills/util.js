// Shared helpers for skills: names to ids (with generic names like "log"), bounded searches, deadlines.
const { goals } = require('mineflayer-pathfinder')

const MAX_DISTANCE = 64 // blocks: every search is bounded (an unbounded collectblock once exhausted the heap)
const GENERIC = { log: '_log', wood: '_log', planks: '_planks', leaves: '_leaves', wool: '_wool' }

/** Block ids matching a name: exact ("oak_log") or generic ("log" = any *_log). */
function blockIds (bot, name) {
  const exact = bot.registry.blocksByName[name]
  if (exact) return [exact.id]
  const suffix = GENERIC[name] ?? `_${name}`
  return Object.values(bot.registry.blocksByName).filter(b => b.name.endsWith(suffix)).map(b => b.id)
}

function itemByName (bot, name) {
  const item = bot.registry.itemsByName[name]
  if (!item) throw new Error(`unknown item ${name}`)
  return item
}

function countItem (bot, names) {
  const wanted = new Set([].concat(names))
  return bot.inventory.items().filter(i => wanted.has(i.name)).reduce((n, i) => n + i.count, 0)
}

function findBlocks (bot, name, maxDistance = 32, count = 16) {
  const ids = blockIds(bot, name)
  if (!ids.length) return []
  return bot.findBlocks({ matching: ids, maxDistance: Math.min(maxDistance, MAX_DISTANCE), count: Math.min(count, 64) })
    .map(p => bot.blockAt(p)).filter(Boolean)
}

/** Throws when the command's deadline passed or a newer command took over. */
function checkAlive (ctx, token) {
  if (token !== ctx.token) throw new Error('cancelled')
  if (Date.now() > ctx.deadline) throw new Error('out of time')
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function waitUntil (predicate, ms, step = 50) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (predicate()) return true
    await sleep(step)
  }
  return predicate()
}

/** Pathfind to a goal, giving up after `ms` (the pathfinder is stopped, never left running). */
async function goto (bot, goal, ms = 20000) {
  let timer
  try {
    await Promise.race([
      bot.pathfinder.goto(goal),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('path took too long')), ms) })
    ])
  } finally {
    clearTimeout(timer)
    bot.pathfinder.setGoal(null)
  }
}

/** Walk over dropped items near `pos` so they are picked up (bounded to a few short walks). */
async function pickUp (bot, pos, radius = 5, ms = 4000) {
  const end = Date.now() + ms
  await sleep(550)
  for (let round = 0; round < 4 && Date.now() < end; round++) {
    const drop = Object.values(bot.entities).filter(e => e.name === 'item' && e.position.distanceTo(pos) <= radius)
      .sort((a, b) => a.position.distanceTo(bot.entity.position) - b.position.distanceTo(bot.entity.position))[0]
    if (!drop) return
    const p = drop.position
    try { await goto(bot, new goals.GoalNear(p.x, p.y, p.z, 1), Math.max(500, end - Date.now())) } catch {}
    await waitUntil(() => !bot.entities[drop.id], 700)
  }
}

const result = (ok, message, details = {}) => ({ ok, message, details })
const pos3 = p => [p.x, p.y, p.z]

module.exports = { MAX_DISTANCE, blockIds, itemByName, countItem, findBlocks, checkAlive, sleep, waitUntil, goto, pickUp, result, pos3 }
