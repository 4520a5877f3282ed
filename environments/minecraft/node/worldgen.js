// Seeded world generator for the bundled flying-squid server: rolling grass hills, oak trees on the
// surface, and coal/iron/diamond ore by depth (data/world.json). The same seed always gives the same world;
// every block is a pure function of (seed, x, y, z), so chunks agree at their borders.
const WORLD = require('./data/world.json')

function hash (seed, x, y, z) {
  let h = (seed | 0) ^ Math.imul(x | 0, 0x27d4eb2d) ^ Math.imul(y | 0, 0x165667b1) ^ Math.imul(z | 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296
}

function valueNoise (seed, x, z, scale) {
  const fx = x / scale; const fz = z / scale
  const x0 = Math.floor(fx); const z0 = Math.floor(fz)
  const tx = fx - x0; const tz = fz - z0
  const sx = tx * tx * (3 - 2 * tx); const sz = tz * tz * (3 - 2 * tz)
  const a = hash(seed, x0, 0, z0); const b = hash(seed, x0 + 1, 0, z0)
  const c = hash(seed, x0, 0, z0 + 1); const d = hash(seed, x0 + 1, 0, z0 + 1)
  return (a + (b - a) * sx) * (1 - sz) + (c + (d - c) * sx) * sz
}

function surfaceY (seed, x, z) {
  let y = WORLD.surface.base
  for (const [scale, amp] of WORLD.surface.amplitudes) y += (valueNoise(seed + scale, x, z, scale) * 2 - 1) * amp
  return Math.round(y)
}

function treeAt (seed, x, z) {
  const t = WORLD.trees
  if (hash(seed, x, 7777, z) >= t.chance) return null
  const trunk = t.minTrunk + Math.floor(hash(seed, x, 8888, z) * (t.maxTrunk - t.minTrunk + 1))
  return { base: surfaceY(seed, x, z) + 1, trunk }
}

function oreAt (seed, x, y, z) {
  for (let i = 0; i < WORLD.ores.length; i++) {
    const ore = WORLD.ores[i]
    if (y >= ore.minY && y <= ore.maxY && hash(seed + 101 * (i + 1), x, y, z) < ore.chance) return ore.block
  }
  return null
}

module.exports = function generation (options) {
  const { registry } = options
  const seed = options.seed | 0
  const Chunk = require('prismarine-chunk')(registry)
  const state = name => registry.blocksByName[name].defaultState
  const ids = { stone: state('stone'), dirt: state('dirt'), bedrock: state('bedrock'), log: state(WORLD.trees.log) }
  ids.grass = registry.blocksByName.grass_block.minStateId + 1 // snowy=false
  const leaves = registry.blocksByName[WORLD.trees.leaves]
  ids.leaves = leaves.minStateId + 1 // distance=1, persistent: never decays
  const ores = Object.fromEntries(WORLD.ores.map(o => [o.block, state(o.block)]))
  const biome = registry.biomesByName[WORLD.biome].id

  return function generateChunk (chunkX, chunkZ) {
    const chunk = new Chunk()
    const pos = { x: 0, y: 0, z: 0 }
    const set = (x, y, z, id) => { pos.x = x; pos.y = y; pos.z = z; chunk.setBlockStateId(pos, id) }
    for (let x = 0; x < 16; x++) {
      for (let z = 0; z < 16; z++) {
        const wx = chunkX * 16 + x; const wz = chunkZ * 16 + z
        const top = surfaceY(seed, wx, wz)
        set(x, 0, z, ids.bedrock)
        for (let y = 1; y <= top; y++) {
          const id = y === top ? ids.grass : y > top - 1 - WORLD.dirtDepth ? ids.dirt : ores[oreAt(seed, wx, y, wz)] ?? ids.stone
          set(x, y, z, id)
        }
        for (let y = 0; y < 256; y += 4) { pos.x = x; pos.y = y; pos.z = z; chunk.setBiome(pos, biome) }
      }
    }
    for (let x = -2; x < 18; x++) {
      for (let z = -2; z < 18; z++) {
        const tree = treeAt(seed, chunkX * 16 + x, chunkZ * 16 + z)
        if (tree) placeTree(tree, x, z)
      }
    }
    return chunk

    function placeTree ({ base, trunk }, tx, tz) {
      const inside = (x, z) => x >= 0 && x < 16 && z >= 0 && z < 16
      const top = base + trunk - 1
      for (let y = top - 2; y <= top + 1; y++) {
        const r = y >= top ? 1 : 2
        for (let dx = -r; dx <= r; dx++) {
          for (let dz = -r; dz <= r; dz++) {
            if (r === 2 && Math.abs(dx) === 2 && Math.abs(dz) === 2) continue
            const x = tx + dx; const z = tz + dz
            pos.x = x; pos.y = y; pos.z = z
            if (inside(x, z) && chunk.getBlockStateId(pos) === 0) set(x, y, z, ids.leaves)
          }
        }
      }
      if (!inside(tx, tz)) return
      for (let y = base; y <= top; y++) set(tx, y, tz, ids.log)
    }
  }
}

module.exports.surfaceY = surfaceY
module.exports.treeAt = treeAt
