// Server-side windows for flying-squid with vanilla's click/transaction protocol (<= 1.16.5): the server keeps
// an authoritative copy of every open window, applies each window_click with prismarine-windows (the same code
// the client predicts with) and answers with a `transaction` packet, so Mineflayer's own clickWindow-based APIs
// (bot.craft, bot.openFurnace, bot.transfer, bot.equip from the main inventory) work unchanged.

module.exports = function installWindows (serv) {
  const { registry } = serv
  const Item = require('prismarine-item')(registry)
  const windows = require('prismarine-windows')(registry)

  const clone = item => item ? new Item(item.type, item.count, item.metadata, item.nbt) : null

  /** Run fn without flying-squid's set_slot echo: the client already predicted the change. */
  function silently (window, fn) {
    const listeners = window.listeners('updateSlot')
    window.removeAllListeners('updateSlot')
    try { return fn() } finally { for (const l of listeners) window.on('updateSlot', l) }
  }

  function resync (player, window) {
    player._client.write('window_items', { windowId: window.id, items: window.slots.map(Item.toNotch) })
    player._client.write('set_slot', { windowId: -1, slot: -1, item: Item.toNotch(window.selectedItem) })
  }

  /** Move an item into the player's inventory (stacking first), as vanilla does with leftovers. */
  function giveBack (player, item) {
    if (!item) return
    const inv = player.inventory
    for (let slot = inv.inventoryStart; slot < inv.inventoryEnd && item.count > 0; slot++) {
      const have = inv.slots[slot]
      if (have && have.type === item.type && have.count < have.stackSize) {
        const moved = Math.min(item.count, have.stackSize - have.count)
        have.count += moved
        item.count -= moved
        inv.updateSlot(slot, have)
      }
    }
    const empty = inv.firstEmptyInventorySlot()
    if (item.count > 0 && empty !== null) inv.updateSlot(empty, clone(item))
  }

  /** Open a container window of `type` (e.g. 'minecraft:crafting') with `hooks` {click, close, init}. */
  function open (player, type, title, hooks = {}) {
    close(player)
    player._rgWindowId = ((player._rgWindowId ?? 0) % 100) + 1
    const spec = windows.windows[type]
    const window = windows.createWindow(player._rgWindowId, type, title)
    const offset = window.inventoryStart - player.inventory.inventoryStart
    silently(window, () => {
      for (let s = player.inventory.inventoryStart; s < player.inventory.inventoryEnd; s++) {
        window.updateSlot(s + offset, clone(player.inventory.slots[s]))
      }
      hooks.init?.(window)
    })
    player._rgOpen = { window, hooks, offset }
    player._client.write('open_window', {
      windowId: window.id,
      inventoryType: spec.type,
      windowTitle: JSON.stringify({ text: title })
    })
    player._client.write('window_items', { windowId: window.id, items: window.slots.map(Item.toNotch) })
    return window
  }

  /** Close the open container: its inventory part flows back, leftovers return to the inventory. */
  function close (player) {
    const open = player._rgOpen
    if (!open) return
    player._rgOpen = null
    const { window, hooks, offset } = open
    for (let s = player.inventory.inventoryStart; s < player.inventory.inventoryEnd; s++) {
      const item = clone(window.slots[s + offset])
      if (!Item.equal(item, player.inventory.slots[s])) player.inventory.updateSlot(s, item)
    }
    for (const item of hooks.close?.(window) ?? []) giveBack(player, item)
    giveBack(player, window.selectedItem)
  }

  /** Default click: apply it to the server's copy, as the client did. */
  function applyClick (window, click) {
    window.acceptClick(click)
    return true
  }

  serv.on('newPlayer', player => {
    player.on('asap', () => {
      const client = player._client
      client.removeAllListeners('window_click') // flying-squid's handler applies every click to the inventory
      client.on('window_click', packet => {
        const open = player._rgOpen
        const window = packet.windowId === 0 ? player.inventory : open?.window.id === packet.windowId ? open.window : null
        const hooks = packet.windowId === 0 ? (player._rgInventoryHooks ?? {}) : open?.hooks ?? {}
        let accepted = false
        if (window) {
          const slot = packet.slot
          const click = { mode: packet.mode, mouseButton: packet.mouseButton, slot, item: slot >= 0 ? window.slots[slot] ?? null : null }
          try {
            accepted = silently(window, () => (hooks.click ?? applyClick)(window, click, player))
          } catch (err) {
            serv.debug?.(`window click rejected: ${err.message}`)
          }
        }
        client.write('transaction', { windowId: packet.windowId, action: packet.action, accepted })
        if (window && !accepted) resync(player, window)
      })
      client.on('close_window', ({ windowId }) => { if (player._rgOpen?.window.id === windowId) close(player) })
      player.inventory.on('updateSlot', (slot, oldItem, newItem) => {
        // Changes made by the server (pickups, /give) while a container is open reach its copy too.
        const open = player._rgOpen
        if (!open || slot < player.inventory.inventoryStart) return
        const target = slot + open.offset
        if (Item.equal(open.window.slots[target], newItem)) return
        silently(open.window, () => open.window.updateSlot(target, clone(newItem)))
        client.write('set_slot', { windowId: open.window.id, slot: target, item: Item.toNotch(newItem) })
      })
    })
  })

  return { open, close, silently, clone, giveBack, applyClick }
}
