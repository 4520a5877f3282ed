// Standing in the middle of the current block, so digging the block below drops the bot into the shaft.
const { goals } = require('mineflayer-pathfinder')
const u = require('./util')

async function centre (bot) {
  const p = bot.entity.position
  if (Math.abs(p.x - Math.floor(p.x) - 0.5) < 0.2 && Math.abs(p.z - Math.floor(p.z) - 0.5) < 0.2) return
  const f = p.floored()
  try { await u.goto(bot, new goals.GoalBlock(f.x, f.y, f.z), 3000) } catch {}
}

module.exports = { centre }
