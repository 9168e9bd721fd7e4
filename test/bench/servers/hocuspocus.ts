/**
 * Hocuspocus (`@hocuspocus/server` 3.x, the newest line that runs on Node 20) with no extensions:
 * documents in memory, no persistence, no authentication hook.
 */
import { Server } from '@hocuspocus/server'

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true })
await server.listen()
console.log(`listening on ${server.address.port}`)
