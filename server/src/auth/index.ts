// Who a request or a socket is (package `@ensemble/server/auth`): better-auth, websocket tickets, membership lookup.
export { createAuth, migrateAuth, type Auth } from './auth.ts'
export { TicketStore } from './tickets.ts'
export { createIdentify } from '../identify.ts'
