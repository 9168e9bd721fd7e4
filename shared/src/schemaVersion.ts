/**
 * Version of the Yjs document layout. Clients pass it as `schema` on the websocket URL; the server
 * refuses a mismatch (close code schemaMismatch) so an old client cannot write an old layout.
 */
export const SCHEMA_VERSION = 1
