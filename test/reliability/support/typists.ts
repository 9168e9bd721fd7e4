import * as Y from 'yjs'
import { SaveTracker } from '../../../client/src/features/collab/saveTracker.ts'
import { connectDoc, type DocClient } from '../../helpers/collab.ts'
import type { HttpClient } from '../../helpers/http.ts'
import { tokenList, tokensIn, typeToken } from '../../helpers/tokens.ts'

/** A real provider typing unique tokens, with the client's own save tracker (saved acknowledgements). */
export interface Typist {
  readonly name: string
  readonly client: DocClient
  readonly tracker: SaveTracker
  /** Every token it typed, with the number of its update frame on the socket (0 when typed offline). */
  readonly written: { token: string; frame: number }[]
}

export async function connectTypist(http: HttpClient, workspaceId: string, docName: string, name: string): Promise<Typist> {
  const client = await connectDoc(http, workspaceId, docName)
  const tracker = new SaveTracker(client.provider)
  await client.synced()
  return { name, client, tracker, written: [] }
}

/**
 * Types the typist's next token (`tok-<name>-<n>`), in one transaction = one update frame;
 * `padding` characters of filler go with it (an update that needs new database pages).
 */
export function typeNext(typist: Typist, padding = 0): string {
  const token = `tok-${typist.name}-${typist.written.length}`
  const before = typist.tracker.sentOnSocket
  const { doc } = typist.client
  doc.transact(() => {
    typeToken(doc, token)
    if (padding > 0) typeToken(doc, 'x'.repeat(padding))
  })
  const sent = typist.tracker.sentOnSocket
  typist.written.push({ token, frame: sent > before ? sent : 0 })
  return token
}

/** Tokens the server acknowledged as saved to their author (on the socket they were sent on). */
export function acknowledged(typist: Typist): string[] {
  const saved = typist.tracker.savedOnSocket
  return typist.written.filter((w) => w.frame > 0 && w.frame <= saved).map((w) => w.token)
}

/** Tokens starting with `prefix` a typist received from the others (its replica holds them, it did not type them). */
export function receivedFromOthers(typist: Typist, prefix = 'tok-'): string[] {
  const own = new Set(typist.written.map((w) => w.token))
  return [...tokensIn(typist.client.doc)].filter((t) => t.startsWith(prefix) && !own.has(t))
}

/** Closes (as in `kill`) the clients and stops their reconnect loops. */
export function destroyAll(typists: readonly Typist[]): void {
  for (const t of typists) {
    t.tracker.destroy()
    t.client.destroy()
  }
}

/** A fresh replica of what the server holds now (a new provider, synced, then closed). */
export async function readBack(http: HttpClient, workspaceId: string, docName: string): Promise<Y.Doc> {
  const c = await connectDoc(http, workspaceId, docName)
  await c.synced()
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(c.doc))
  c.destroy()
  return copy
}

/** Tokens of `expected` missing from `doc`, and tokens of `doc` present more than once. */
export function audit(doc: Y.Doc, expected: Iterable<string>): { lost: string[]; duplicated: string[] } {
  const counts = new Map<string, number>()
  for (const token of tokenList(doc)) counts.set(token, (counts.get(token) ?? 0) + 1)
  const lost = [...new Set(expected)].filter((t) => !counts.has(t))
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([t]) => t)
  return { lost, duplicated }
}

/** How many seeds the reliability suite runs (RELIABILITY_SEEDS=N for more than the CI default). */
export function seedCount(ciDefault: number): number {
  const n = Number(process.env.RELIABILITY_SEEDS)
  return Number.isInteger(n) && n > 0 ? n : ciDefault
}
