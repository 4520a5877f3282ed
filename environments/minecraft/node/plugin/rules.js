// Survival rules flying-squid lacks: blocks with harvest tools (minecraft-data `harvestTools`) drop nothing
// when dug without one; a deterministic spawn on open ground; and vanilla's /clear command.
const { Vec3 } = require('vec3')
const worldgen = require('../worldgen')

module.exports = function installRules (serv, { seed }, win) {
  const { registry } = serv
  const Item = require('prismarine-item')(registry)

  serv.on('newPlayer', player => {
    player.on('dug_cancel', data => {
      const tools = data.block?.harvestTools
      const held = player.inventory.slots[36 + player.heldItemSlot]
      if (tools && !(held && tools[held.type])) data.dropBlock = false
    })
    player.on('dug', data => serv.emit('rgBlockBroken', { ...data, player }))
  })

  /** Nearest column to the origin with no tree within 3 blocks, so the bot spawns on open grass. */
  const spawnPoint = async () => {
    for (let r = 0; r < 64; r++) {
      for (let x = -r; x <= r; x++) {
        for (const z of [-r, r]) {
          const clear = [...Array(7).keys()].every(dx => [...Array(7).keys()].every(dz =>
            !worldgen.treeAt(seed, x + dx - 3, z + dz - 3)))
          if (clear) return new Vec3(x + 0.5, worldgen.surfaceY(seed, x, z) + 1, z + 0.5)
        }
      }
    }
    return new Vec3(0.5, 100, 0.5)
  }
  serv.once('asap', () => { serv.getSpawnPoint = spawnPoint }) // after flying-squid's random one is installed

  serv.commands.add({
    base: 'clear',
    info: 'Clears your inventory (vanilla /clear with no arguments).',
    usage: '/clear',
    onlyPlayer: true,
    op: true,
    parse: () => true,
    action (_, ctx) {
      const inv = ctx.player.inventory
      for (let slot = 0; slot < inv.slots.length; slot++) if (inv.slots[slot]) inv.updateSlot(slot, null)
    }
  })

  serv.once('asap', () => serv.commands.add({ // replaces flying-squid's /give, which adds counts as strings
    base: 'give',
    info: 'Gives an item to a player (vanilla syntax).',
    usage: '/give <player> <item> [count]',
    op: true,
    parse (args, ctx) {
      const [who, name, count = '1'] = args.split(' ')
      const item = registry.itemsByName[(name ?? '').replace(/^minecraft:/, '')]
      if (!item || !/^\d+$/.test(count)) return false
      return { players: serv.getPlayers(who, ctx.player), item, count: parseInt(count, 10) }
    },
    action ({ players, item, count }) {
      for (const player of players) {
        for (let left = count; left > 0; left -= item.stackSize) win.giveBack(player, new Item(item.id, Math.min(left, item.stackSize)))
      }
      return `Gave ${count} ${item.name}`
    }
  }))

  serv.commands.add({
    base: 'rolegraph',
    info: 'Reports that this is the bundled rolegraph server (crafting, furnaces, harvest tiers, seeded world).',
    usage: '/rolegraph',
    parse: () => true,
    action: (_, ctx) => {
      const inv = ctx.player?.inventory
      const held = inv ? ` held=${ctx.player.heldItemSlot} items=${inv.slots.map((it, i) => it ? `${i}:${it.name}x${it.count}` : '').filter(Boolean).join(',')}` : ''
      return `rolegraph bundled server seed=${seed} version=${registry.version.minecraftVersion}${held}`
    }
  })
}
