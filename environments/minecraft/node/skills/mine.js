// mine(name, count): walk to the nearest matching blocks, dig them with the right tool and pick up the drops.
const { goals } = require('mineflayer-pathfinder')
const u = require('./util')

function dropNames (bot, block) {
  const loot = bot.registry.blockLoot?.[block.name]?.drops?.map(d => d.item) ?? []
  const drops = (block.drops ?? []).map(d => bot.registry.items[typeof d === 'object' ? d.drop?.id ?? d.id : d]?.name).filter(Boolean)
  return [...new Set([...loot, ...drops, block.name])]
}

function harvestToolIn (bot, block) {
  if (!block.harvestTools) return true
  return bot.inventory.items().some(i => block.harvestTools[i.type])
}

async function mine ({ name, count = 1, max_distance = 32 }, ctx) {
  const { bot } = ctx
  const token = ctx.token
  const failed = new Set()
  const tries = {}
  let gained = 0
  let lastDrops = null
  const mined = []
  while (gained < count) {
    u.checkAlive(ctx, token)
    const me = bot.entity.position
    const block = u.findBlocks(bot, name, max_distance, 32).filter(b => !failed.has(b.position.toString()))
      .sort((a, b) => a.position.distanceTo(me) - b.position.distanceTo(me))[0]
    if (!block) {
      return u.result(false, `no reachable ${name} within ${Math.min(max_distance, u.MAX_DISTANCE)} blocks (got ${gained}/${count})`, { gained, mined })
    }
    if (!harvestToolIn(bot, block)) {
      const tools = Object.keys(block.harvestTools).map(id => bot.registry.items[id].name)
      return u.result(false, `${block.name} needs one of ${tools.join(', ')} to drop anything`, { gained, needs: tools })
    }
    const drops = dropNames(bot, block)
    lastDrops = drops
    const before = u.countItem(bot, drops)
    try {
      const eyes = bot.entity.position.offset(0, bot.entity.height ?? 1.62, 0)
      if (block.position.offset(0.5, 0.5, 0.5).distanceTo(eyes) > 4.2) {
        await u.goto(bot, new goals.GoalLookAtBlock(block.position, bot.world, { reach: 4 }), Math.min(25000, ctx.deadline - Date.now()))
      }
      const fresh = bot.blockAt(block.position)
      if (!fresh || !u.blockIds(bot, name).includes(fresh.type)) continue // already gone (e.g. dug by the path)
      await bot.tool.equipForBlock(fresh, { requireHarvest: true })
      await bot.dig(fresh, true)
      mined.push(u.pos3(fresh.position))
      await u.pickUp(bot, fresh.position.offset(0.5, 0.5, 0.5))
    } catch (err) {
      if (err.message === 'cancelled' || err.message === 'out of time') throw err
      const key = block.position.toString()
      tries[key] = (tries[key] ?? 0) + 1
      if (tries[key] >= 2) failed.add(key) // one retry: paths can fail transiently
      if (failed.size > 8) return u.result(false, `cannot reach ${name}: ${err.message} (got ${gained}/${count})`, { gained, mined })
    }
    gained += Math.max(0, u.countItem(bot, drops) - before)
  }
  const got = (lastDrops ?? []).filter(n => u.countItem(bot, n) > 0).join('/') || name
  return u.result(true, `mined ${name}: got ${gained} ${got}`, { gained, mined })
}

module.exports = { mine }
