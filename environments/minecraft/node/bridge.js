// Mineflayer bot driven by JSON lines over stdio. In: {"id", "cmd", "args", "timeout"} per line.
// Out: {"id", "ok", "message", "details"} per command, in order of completion. Every command runs under its
// timeout; on expiry the bot stops moving/digging and closes windows, so no command can hang the bridge.
const readline = require('readline')
const mineflayer = require('mineflayer')
const { pathfinder, Movements } = require('mineflayer-pathfinder')
const observe = require('./skills/observe')

const out = process.stdout
console.log = (...a) => process.stderr.write(a.join(' ') + '\n') // stdout carries protocol lines only
const send = obj => out.write(JSON.stringify(obj) + '\n')

const ctx = { bot: null }
const commands = {
  connect,
  observe: args => ({ ok: true, message: 'observed', details: observe.observation(ctx.bot, args) }),
  chat,
  quit: async () => { ctx.bot?.quit(); setTimeout(() => process.exit(0), 100); return { ok: true, message: 'bye' } },
  ...require('./skills/move'),
  ...require('./skills/mine'),
  ...require('./skills/make'),
  ...require('./skills/body')
}

async function connect ({ host = '127.0.0.1', port, username = 'rolegraph', version = false }) {
  const bot = mineflayer.createBot({ host, port, username, version, auth: 'offline', hideErrors: true, checkTimeoutInterval: 60000 })
  ctx.bot = bot
  bot.on('kicked', reason => send({ event: 'kicked', reason: String(reason) }))
  bot.on('end', reason => send({ event: 'end', reason: String(reason) }))
  await new Promise((resolve, reject) => {
    bot.once('spawn', resolve)
    bot.once('error', err => reject(new Error(`cannot reach Minecraft server at ${host}:${port}: ${err.message}`)))
    bot.once('end', reason => reject(new Error(`connection to ${host}:${port} ended before spawn: ${reason}`)))
  })
  bot.loadPlugin(pathfinder)
  bot.loadPlugin(require('mineflayer-tool').plugin)
  const moves = new Movements(bot)
  moves.allowParkour = false
  moves.allowSprinting = true
  moves.canOpenDoors = false
  moves.scafoldingBlocks = ['dirt', 'cobblestone', 'stone', 'oak_planks', 'netherrack']
    .map(n => bot.registry.itemsByName[n]?.id).filter(Boolean)
  bot.pathfinder.setMovements(moves)
  bot.pathfinder.thinkTimeout = 4000
  await bot.waitForChunksToLoad().catch(() => {})
  return { ok: true, message: `spawned at ${observe.where(bot)}`, details: { version: bot.version, ...observe.observation(bot) } }
}

async function chat ({ text, wait = 0.3 }) {
  const lines = []
  const listen = msg => lines.push(msg.toString())
  ctx.bot.on('message', listen)
  ctx.bot.chat(text)
  await new Promise(resolve => setTimeout(resolve, wait * 1000))
  ctx.bot.off('message', listen)
  return { ok: true, message: lines.join('\n') || 'sent', details: { replies: lines } }
}

function stopEverything () {
  const bot = ctx.bot
  if (!bot) return
  try { bot.pathfinder?.stop(); bot.pathfinder?.setGoal(null) } catch {}
  try { bot.stopDigging() } catch {}
  try { bot.clearControlStates() } catch {}
  try { if (bot.currentWindow) bot.closeWindow(bot.currentWindow) } catch {}
}

async function run ({ id, cmd, args = {}, timeout = 60 }) {
  const fn = commands[cmd]
  if (!fn) return send({ id, ok: false, message: `unknown command ${cmd}`, details: {} })
  if (cmd !== 'connect' && !ctx.bot?.entity) return send({ id, ok: false, message: 'not connected', details: {} })
  ctx.deadline = Date.now() + timeout * 1000
  ctx.token = (ctx.token ?? 0) + 1
  let timer
  const expired = new Promise(resolve => { timer = setTimeout(() => resolve({ timedOut: true }), timeout * 1000) })
  try {
    const result = await Promise.race([fn(args, ctx), expired])
    if (result?.timedOut) {
      ctx.token += 1 // loops of the expired command see a new token and stop
      stopEverything()
      send({ id, ok: false, message: `${cmd} timed out after ${timeout}s`, details: { timed_out: true } })
    } else {
      send({ id, ok: !!result.ok, message: result.message ?? '', details: result.details ?? {} })
    }
  } catch (err) {
    stopEverything()
    send({ id, ok: false, message: `${cmd} failed: ${err?.message ?? err}`, details: {} })
  } finally {
    clearTimeout(timer)
  }
}

let queue = Promise.resolve()
readline.createInterface({ input: process.stdin }).on('line', line => {
  if (!line.trim()) return
  let request
  try { request = JSON.parse(line) } catch { return send({ id: null, ok: false, message: 'bad JSON line', details: {} }) }
  queue = queue.then(() => run(request)) // one command at a time, like a player
}).on('close', () => { ctx.bot?.quit(); process.exit(0) })
process.on('uncaughtException', err => send({ event: 'error', message: String(err?.message ?? err) }))
process.on('unhandledRejection', err => send({ event: 'error', message: String(err?.message ?? err) }))
