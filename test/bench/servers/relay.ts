/**
 * The floor of the benchmark: a bare `ws` broadcast relay. Every socket joins the room named by its
 * URL path; every message is forwarded, as received, to the other sockets of the room. No state, no
 * parsing, no persistence — what a Node websocket server costs when it does nothing but forward.
 */
import { createServer } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'

const rooms = new Map<string, Set<WebSocket>>()
const http = createServer((_req, res) => res.writeHead(200).end('relay'))
const wss = new WebSocketServer({ server: http, perMessageDeflate: false })

wss.on('connection', (socket, req) => {
  const name = (req.url ?? '/').split('?')[0]!
  let room = rooms.get(name)
  if (!room) rooms.set(name, (room = new Set()))
  room.add(socket)
  socket.on('message', (data, isBinary) => {
    for (const peer of room) if (peer !== socket && peer.readyState === 1) peer.send(data, { binary: isBinary })
  })
  socket.on('close', () => {
    room.delete(socket)
    if (room.size === 0) rooms.delete(name)
  })
})

http.listen(0, '127.0.0.1', () => {
  const address = http.address()
  console.log(`listening on ${typeof address === 'object' && address ? address.port : ''}`)
})
