// The document store's public face (package `@ensemble/server/storage`).
export { KEPT_STATE_FORMAT, SERVER_CLIENT_OWNER, type DocKey, type DocStore, type KeptState, type LoadedDoc, type LogRow, type LogTail } from './docStore.ts'
export { SqliteDocStore } from './sqliteDocStore.ts'
export { PostgresDocStore } from './postgresDocStore.ts'
