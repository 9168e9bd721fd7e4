import { randomBytes } from 'node:crypto'
import { contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { openDatabase } from '../../server/src/db/database.ts'
import { PostgresDocStore } from '../../server/src/storage/postgresDocStore.ts'
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
    const { rows } = await database.pgPool!.query<{ n: string }>('SELECT COUNT(*) AS n FROM doc_updates WHERE workspace_id = $1 AND doc_name = $2', [workspaceId, docName])
    return Number(rows[0]!.n)
  } finally {
    await database.close()
  }
}

/** Tokens `tok-<who>-<n>` present in a rich-text document, with repetitions. */
export const tokenList = (doc: Y.Doc): string[] => contentOf(doc).toString().match(/tok-[a-z0-9]+-\d+/g) ?? []

/** Inserts ` token` into the first paragraph (at its start or end), creating the paragraph if needed. */
export function typeToken(doc: Y.Doc, token: string, atStart = false): void {
  // One transaction: one update, one log row.
  doc.transact(() => {
    const fragment = contentOf(doc)
    let paragraph = fragment.get(0) as Y.XmlElement | undefined
    if (!paragraph) {
      paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText('')])
      fragment.push([paragraph])
    }
    const text = paragraph.get(0) as Y.XmlText
    text.insert(atStart ? 0 : text.length, ` ${token} `)
  })
}

/** Same Yjs state: equal state vectors. */
export function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const sv = (d: Y.Doc) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(d))].sort(([x], [y]) => x - y))
  return sv(a) === sv(b)
}
