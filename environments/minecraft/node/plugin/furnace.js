// Furnaces for flying-squid: each placed furnace keeps input/fuel/output and burns and cooks over time
// (data/smelting.json), whether or not its window is open; open windows get slot and progress updates.
const SMELTING = require('../data/smelting.json')
const TICK_MS = 250
const REACH = 6

module.exports = function installFurnaces (serv, win, { speed = 1 } = {}) {
  const { registry } = serv
  const Item = require('prismarine-item')(registry)
  const furnaces = new Map() // "x,y,z" -> { slots: [input, fuel, output], burn, burnTotal, progress, viewers }

  const name = item => item ? registry.items[item.type].name : null
  const resultOf = item => SMELTING.recipes[name(item)] ? registry.itemsByName[SMELTING.recipes[name(item)]] : null

  function sync (furnace, changed) {
    for (const player of furnace.viewers) {
      const open = player._rgOpen
      if (!open || open.furnace !== furnace) { furnace.viewers.delete(player); continue }
      win.silently(open.window, () => changed.forEach(s => open.window.updateSlot(s, win.clone(furnace.slots[s]))))
      for (const s of changed) player._client.write('set_slot', { windowId: open.window.id, slot: s, item: Item.toNotch(furnace.slots[s]) })
      const props = [furnace.burn, furnace.burnTotal, furnace.progress, SMELTING.cookTicks]
      props.forEach((value, property) => player._client.write('craft_progress_bar', { windowId: open.window.id, property, value: Math.round(value) }))
    }
  }

  function tick (furnace, dt) {
    const [input, fuel, output] = furnace.slots
    const result = resultOf(input)
    const canCook = result && (!output || (output.type === result.id && output.count < output.stackSize))
    const changed = new Set()
    if (furnace.burn <= 0 && canCook && fuel && SMELTING.fuels[name(fuel)]) {
      furnace.burn = furnace.burnTotal = SMELTING.fuels[name(fuel)]
      furnace.slots[1] = fuel.count > 1 ? new Item(fuel.type, fuel.count - 1) : null
      changed.add(1)
    }
    if (furnace.burn > 0 && canCook) {
      furnace.progress += dt
      if (furnace.progress >= SMELTING.cookTicks) {
        furnace.progress = 0
        furnace.slots[0] = input.count > 1 ? new Item(input.type, input.count - 1) : null
        furnace.slots[2] = new Item(result.id, (output?.count ?? 0) + 1)
        changed.add(0).add(2)
      }
    } else if (furnace.burn <= 0) {
      furnace.progress = 0
    }
    if (furnace.burn > 0) furnace.burn = Math.max(0, furnace.burn - dt) // refuelled before it reaches 0 next tick
    if (furnace.viewers.size) sync(furnace, changed)
  }

  setInterval(() => {
    for (const furnace of furnaces.values()) tick(furnace, (TICK_MS / 50) * speed)
  }, TICK_MS).unref()

  serv.once('asap', () => {
    serv.onBlockInteraction('furnace', ({ block, player }) => {
      if (player.crouching) return false
      if (player.position.distanceTo(block.position.offset(0.5, 0.5, 0.5)) > REACH) return true
      const key = block.position.toString()
      if (!furnaces.has(key)) furnaces.set(key, { slots: [null, null, null], burn: 0, burnTotal: 0, progress: 0, viewers: new Set() })
      const furnace = furnaces.get(key)
      const writeBack = window => { furnace.slots = [0, 1, 2].map(s => win.clone(window.slots[s])) }
      win.open(player, 'minecraft:furnace', 'Furnace', {
        init: window => [0, 1, 2].forEach(s => window.updateSlot(s, win.clone(furnace.slots[s]))),
        click: (window, click) => { win.applyClick(window, click); writeBack(window); return true },
        close: () => []
      })
      player._rgOpen.furnace = furnace
      furnace.viewers.add(player)
      sync(furnace, [])
      return true
    })
    serv.on('rgBlockBroken', ({ position, player }) => { // like vanilla, a broken furnace gives up its contents
      const furnace = furnaces.get(position.toString())
      furnaces.delete(position.toString())
      for (const item of furnace?.slots ?? []) if (item && player) win.giveBack(player, win.clone(item))
    })
  })
}
