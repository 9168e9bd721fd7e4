import { randomBytes } from 'node:crypto'
import { connect, createServer, type AddressInfo, type Socket } from 'node:net'
import * as Y from 'yjs'
import { openDatabase } from '@ensemble/server/db'
import { PostgresDocStore } from '@ensemble/server/storage'
import { docFrom } from '../contracts/docStore.contract.ts'
import { HttpClient } from '../helpers/http.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'

/** Shared by every instance of a test cluster, as production instances share AUTH_SECRET. */
export const clusterSecret = (): string => randomBytes(32).toString('base64url')

/**
 * `count` in-process instances on one PostgreSQL database and one Redis, like servers behind a load
 * balancer. Started one after the other (the first migrates the database).
 */
export async function startCluster(count: number, env: { DATABASE_URL: string; REDIS_URL: string; AUTH_SECRET: string }): Promise<TestServer[]> {
  const servers: TestServer[] = []
  for (let i = 0; i < count; i++) servers.push(await startTestServer({ ...env, ROOM_IDLE_MS: '2000' }, tempDataDir('ensemble-scale-')))
  return servers
}

export async function stopCluster(servers: readonly TestServer[]): Promise<void> {
  await Promise.all(
    servers.map(async (s) => {
      await s.close()
      removeDir(s.dataDir)
    }),
  )
}

/** The same browser session, talking to another instance (sessions live in the shared database). */
export function onInstance(client: HttpClient, baseUrl: string): HttpClient {
  const moved = new HttpClient(baseUrl)
  ;(moved as unknown as { cookies: Map<string, string> }).cookies = new Map((client as unknown as { cookies: Map<string, string> }).cookies)
  return moved
}

/** What PostgreSQL holds for a document, replayed as a room would. */
export async function storedDoc(databaseUrl: string, workspaceId: string, docName: string): Promise<Y.Doc> {
  const database = openDatabase({ dataDir: '/nonexistent', databaseUrl })
  try {
    return docFrom(await new PostgresDocStore(database.pgPool!).load({ workspaceId, docName }))
  } finally {
    await database.close()
  }
}

/** Log rows of a document (each accepted edit is one row, stored by one instance). */
export async function logRows(databaseUrl: string, workspaceId: string, docName: string): Promise<number> {
  const database = openDatabase({ dataDir: '/nonexistent', databaseUrl })
  try {
    const { rows } = await database.pgPool!.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = $1 AND doc_name = $2', [
      workspaceId,
      docName,
    ])
    return Number(rows[0]!.n)
  } finally {
    await database.close()
  }
}

export { tokenList, typeToken } from '../helpers/tokens.ts'

/** Same Yjs state: equal state vectors. */
export function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const sv = (d: Y.Doc) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(d))].sort(([x], [y]) => x - y))
  return sv(a) === sv(b)
}

export interface Balancer {
  url: string
  /** Backends, tried in order from `preferred` on each new TCP connection; a refused one is skipped. */
  backends: string[]
  /** Index in `backends` new connections go to first. */
  preferred: number
  close(): Promise<void>
}

/**
 * A TCP load balancer in front of the instances, as nginx would be (no sticky sessions): every new
 * connection (HTTP or websocket) goes to the preferred backend, or the next one that accepts it.
 * When a backend dies, its connections are cut and their clients reconnect through here.
 */
export async function startBalancer(): Promise<Balancer> {
  const sockets = new Set<Socket>()
  const balancer: Balancer = { url: '', backends: [], preferred: 0, close: async () => {} }
  const server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    client.pause()
    const tryBackend = (attempt: number) => {
      if (attempt >= balancer.backends.length || client.destroyed) return client.destroy()
      const target = new URL(balancer.backends[(balancer.preferred + attempt) % balancer.backends.length]!)
      const upstream = connect({ host: target.hostname, port: Number(target.port) })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      let connected = false
      upstream.on('error', () => {
        upstream.destroy()
        if (connected) client.destroy()
        else tryBackend(attempt + 1)
      })
      upstream.once('connect', () => {
        connected = true
        upstream.on('close', () => client.destroy())
        client.on('close', () => upstream.destroy())
        client.pipe(upstream)
        upstream.pipe(client)
        client.resume()
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  balancer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  balancer.close = async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return balancer
}
