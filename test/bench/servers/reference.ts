/**
 * The y-websocket reference server (`@y/websocket-server`), as its own `server.js` starts it:
 * `setupWSConnection` per socket, documents in memory, no persistence, no authentication.
 */
import { setupWSConnection } from '@y/websocket-server/utils'
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'

const wss = new WebSocketServer({ noServer: true })
const http = createServer((_req, res) => res.writeHead(200).end('okay'))
wss.on('connection', setupWSConnection)
http.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
http.listen(0, '127.0.0.1', () => {
  const address = http.address()
  console.log(`listening on ${typeof address === 'object' && address ? address.port : ''}`)
})
