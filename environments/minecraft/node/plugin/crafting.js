// Crafting for flying-squid from minecraft-data's recipes: the 2x2 grid of the player's inventory and a 3x3
// crafting-table window. Taking the result slot crafts once and consumes one item per grid slot, as vanilla.
const REACH = 6 // blocks: vanilla's interaction reach, so a table must be right next to the crafter

module.exports = function installCrafting (serv, win) {
  const { registry } = serv
  const Item = require('prismarine-item')(registry)
  const recipes = Object.values(registry.recipes).flat()
  const idOf = entry => (entry && typeof entry === 'object') ? entry.id : entry ?? null

  /** Ids of a w x h grid, trimmed to the box holding items: rows of ids (null = empty). */
  function trimmed (ids, w, h) {
    const rows = []
    for (let y = 0; y < h; y++) rows.push(ids.slice(y * w, y * w + w))
    const used = (r, c) => rows[r][c] !== null
    const ys = [...Array(h).keys()].filter(y => rows[y].some(v => v !== null))
    const xs = [...Array(w).keys()].filter(x => rows.some((_, y) => used(y, x)))
    if (!ys.length) return []
    return rows.slice(ys[0], ys.at(-1) + 1).map(r => r.slice(xs[0], xs.at(-1) + 1))
  }

  function shapeMatches (shape, grid) {
    const width = Math.max(...shape.map(r => r.length))
    const rows = shape.map(r => [...r.map(idOf), ...Array(width - r.length).fill(null)])
    const box = trimmed(rows.flat(), width, rows.length)
    if (box.length !== grid.length || box[0].length !== grid[0].length) return false
    const same = flip => box.every((r, y) => r.every((v, x) => v === grid[y][flip ? r.length - 1 - x : x]))
    return same(false) || same(true)
  }

  function shapelessMatches (ingredients, ids) {
    const want = ingredients.map(idOf).sort()
    const have = ids.filter(v => v !== null).sort()
    return want.length === have.length && want.every((v, i) => v === have[i])
  }

  /** The recipe result ({id, count}) for the items in `slots` laid out w x h, or null. */
  function match (slots, w, h) {
    const ids = slots.map(item => item ? item.type : null)
    const grid = trimmed(ids, w, h)
    if (!grid.length) return null
    for (const recipe of recipes) {
      if (recipe.inShape ? shapeMatches(recipe.inShape, grid) : shapelessMatches(recipe.ingredients ?? [], ids)) {
        return recipe.result
      }
    }
    return null
  }

  /** Click hook for a window whose slot 0 is the result of grid slots 1..w*h. */
  function craftingClick (w, h) {
    return (window, click) => {
      if (click.slot !== 0) return win.applyClick(window, click)
      if (click.mode !== 0 && click.mode !== 1) return false
      const grid = window.slots.slice(1, 1 + w * h)
      const result = match(grid, w, h)
      if (!result) return false
      const item = new Item(result.id, result.count)
      if (window.selectedItem && (window.selectedItem.type !== item.type ||
          window.selectedItem.count + item.count > item.stackSize)) return false
      window.updateSlot(0, item)
      window.acceptClick({ ...click, item: window.slots[0] })
      window.updateSlot(0, null)
      grid.forEach((it, i) => {
        if (it) window.updateSlot(1 + i, it.count > 1 ? new Item(it.type, it.count - 1, it.metadata, it.nbt) : null)
      })
      return true
    }
  }

  serv.on('newPlayer', player => {
    player._rgInventoryHooks = { click: craftingClick(2, 2) }
  })

  serv.once('asap', () => {
    serv.onBlockInteraction('crafting_table', ({ block, player }) => {
      if (player.crouching) return false
      if (player.position.distanceTo(block.position.offset(0.5, 0.5, 0.5)) > REACH) return true
      win.open(player, 'minecraft:crafting', 'Crafting', {
        click: craftingClick(3, 3),
        close: window => window.slots.slice(1, 10).filter(Boolean).map(win.clone)
      })
      return true
    })
  })

  return { match }
}
