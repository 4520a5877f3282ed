// craft(name, count) through Mineflayer's own bot.craft (window clicks), and smelt(name, count) through
// bot.openFurnace; the bundled server answers those windows like a vanilla server does.
const { goals } = require('mineflayer-pathfinder')
const SMELTING = require('../data/smelting.json')
const u = require('./util')
const { place } = require('./body')

const STATION_RANGE = 32

/** A station block within reach: the nearest one if close, else one placed from the inventory, else walk. */
async function nearStation (bot, ctx, blockName) {
  const find = () => bot.findBlock({ matching: bot.registry.blocksByName[blockName].id, maxDistance: STATION_RANGE })
  let station = find()
  if (station && station.position.distanceTo(bot.entity.position) <= 4) return station
  if (u.countItem(bot, blockName) > 0) {
    const placed = await place({ name: blockName }, ctx)
    if (placed.ok) return bot.blockAt(bot.entity.position.floored().set(...placed.details.position))
  }
  station = find()
  if (!station) return null
  await u.goto(bot, new goals.GoalNear(station.position.x, station.position.y, station.position.z, 2), Math.min(20000, ctx.deadline - Date.now()))
  return bot.blockAt(station.position)
}

function missingFor (bot, recipe, times) {
  return recipe.delta.filter(d => d.count < 0)
    .map(d => ({ name: bot.registry.items[d.id].name, need: -d.count * times, have: bot.inventory.count(d.id, null) }))
    .filter(m => m.have < m.need)
}

async function craft ({ name, count = 1 }, ctx) {
  const { bot } = ctx
  const item = u.itemByName(bot, name)
  const all = bot.recipesAll(item.id, null, true)
  if (!all.length) return u.result(false, `${name} has no crafting recipe`, {})
  const before = bot.inventory.count(item.id, null)
  const tableAvailable = u.countItem(bot, 'crafting_table') > 0 ||
    bot.findBlock({ matching: bot.registry.blocksByName.crafting_table.id, maxDistance: STATION_RANGE })
  let recipe = bot.recipesFor(item.id, null, count, tableAvailable ? true : null)[0]
  if (!recipe) {
    const best = all.map(r => ({ r, missing: missingFor(bot, r, Math.ceil(count / r.result.count)) }))
      .sort((a, b) => a.missing.length - b.missing.length)[0]
    if (best.missing.length) {
      const text = best.missing.map(m => `${m.need - m.have} ${m.name}`).join(', ')
      return u.result(false, `cannot craft ${count} ${name}: missing ${text}`, { missing: best.missing })
    }
    return u.result(false, `cannot craft ${name}: needs a crafting_table (in the inventory or within ${STATION_RANGE} blocks)`, { needs: 'crafting_table' })
  }
  let table = null
  if (recipe.requiresTable) {
    table = await nearStation(bot, ctx, 'crafting_table')
    if (!table) return u.result(false, `cannot craft ${name}: no crafting_table`, { needs: 'crafting_table' })
    recipe = bot.recipesFor(item.id, null, count, table)[0] ?? recipe
  }
  const times = Math.ceil(count / recipe.result.count)
  await bot.craft(recipe, times, table ?? undefined)
  const made = bot.inventory.count(item.id, null) - before
  return u.result(made >= count, `crafted ${made} ${name}`, { crafted: made })
}

const FUEL_ORDER = Object.entries(SMELTING.fuels).sort((a, b) => b[1] - a[1]).map(([n]) => n)

async function smelt ({ name, count = 1, fuel = null }, ctx) {
  const { bot } = ctx
  const token = ctx.token
  const inputs = SMELTING.recipes[name] ? [name] : Object.keys(SMELTING.recipes).filter(k => SMELTING.recipes[k] === name)
  const input = inputs.map(n => bot.inventory.items().find(i => i.name === n)).find(Boolean)
  if (!inputs.length) return u.result(false, `nothing smelts into ${name}`, {})
  if (!input) return u.result(false, `no ${inputs.join(' or ')} to smelt`, { needs: inputs })
  const output = u.itemByName(bot, SMELTING.recipes[input.name])
  const amount = Math.min(count, u.countItem(bot, input.name))
  const ticks = amount * SMELTING.cookTicks
  const fuels = FUEL_ORDER.filter(n => n !== input.name && u.countItem(bot, n) > 0)
  const fuelName = fuel ?? fuels.find(n => u.countItem(bot, n) * SMELTING.fuels[n] >= ticks) ??
    fuels.sort((a, b) => u.countItem(bot, b) * SMELTING.fuels[b] - u.countItem(bot, a) * SMELTING.fuels[a])[0]
  if (!fuelName || !u.countItem(bot, fuelName)) return u.result(false, 'no fuel (coal, charcoal, planks or logs)', { needs: 'fuel' })
  const block = await nearStation(bot, ctx, 'furnace')
  if (!block) return u.result(false, `no furnace in the inventory or within ${STATION_RANGE} blocks`, { needs: 'furnace' })
  const before = bot.inventory.count(output.id, null)
  const furnace = await bot.openFurnace(block)
  try {
    if (furnace.outputItem()) await furnace.takeOutput()
    const fuelNeeded = Math.ceil(ticks / SMELTING.fuels[fuelName])
    const fuelId = u.itemByName(bot, fuelName).id
    await furnace.putFuel(fuelId, null, Math.min(fuelNeeded, u.countItem(bot, fuelName)))
    await furnace.putInput(input.type, null, amount)
    while ((furnace.outputItem()?.count ?? 0) < amount) {
      u.checkAlive(ctx, token)
      await u.sleep(250)
    }
    await furnace.takeOutput()
  } finally {
    furnace.close()
  }
  const made = bot.inventory.count(output.id, null) - before
  return u.result(made >= amount && amount >= count, `smelted ${made} ${output.name}`, { smelted: made })
}

module.exports = { craft, smelt }
