// Starts the bundled flying-squid server on 127.0.0.1 (offline mode, survival, in-memory seeded world) and
// prints one JSON line {"event":"ready","port":N} when it accepts players. Usage: node server.js '{"seed":1,...}'
const path = require('path')
const mcServer = require('flying-squid')

const opts = { seed: 1, port: 0, version: '1.16.5', viewDistance: 4, furnaceSpeed: 1, ...JSON.parse(process.argv[2] || '{}') }
const say = obj => process.stdout.write(JSON.stringify(obj) + '\n')

const serv = mcServer.createMCServer({
  'motd': 'rolegraph bundled server',
  'port': opts.port,
  'host': '127.0.0.1',
  'max-players': 4,
  'online-mode': false,
  'logging': false,
  'gameMode': 0,
  'difficulty': 0,
  'worldFolder': undefined,
  'generation': { name: path.join(__dirname, 'worldgen.js'), options: { seed: opts.seed } },
  'kickTimeout': 30000,
  'plugins': { [path.join(__dirname, 'plugin')]: {} },
  'rolegraph': { seed: opts.seed, speed: opts.furnaceSpeed },
  'modpe': false,
  'view-distance': opts.viewDistance,
  'player-list-text': { header: { text: 'rolegraph' }, footer: { text: '' } },
  'everybody-op': true,
  'max-entities': 100,
  'version': opts.version
})

serv.on('error', err => say({ event: 'error', message: String(err?.message ?? err) }))
serv.on('listening', port => say({ event: 'ready', port }))
process.stdin.on('end', () => process.exit(0)) // parent gone: never outlive it
process.stdin.resume()
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0))
