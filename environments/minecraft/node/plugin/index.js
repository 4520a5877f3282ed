// The bundled server's flying-squid plugin: windows (click transactions), crafting, furnaces and survival rules.
module.exports.server = function (serv, settings) {
  const options = settings.rolegraph ?? {}
  const win = require('./windows')(serv)
  require('./crafting')(serv, win)
  require('./furnace')(serv, win, options)
  require('./rules')(serv, options, win)
}
