import type * as Y from 'yjs'
import { describeChanges } from '../../collab/changes.ts'
import type { LogRow } from '../../storage/docStore.ts'
import { replayDoc, replayInto } from './replay.ts'

/** A person's edits with less than this between two of them form one session: a sitting (EDGE3). */
export const SESSION_GAP_MS = 30 * 60_000

export interface HistorySession {
  /** null: changes made by the server (restore, sign-off status). */
  authorId: string | null
  from: number
  to: number
  firstRowId: number
  lastRowId: number
  edits: number
  /** What the session touched: a root, or a root and an entity key (e.g. `actions/a1`, `meta/status`). */
  touched: string[]
}

/** One log row without its data: who, when, and what it touched (what sessions are made of). */
export interface RowTouch {
  id: number
  authorId: string | null
  createdAt: number
  touched: string[]
}

/** What one applied row changed, as `root` or `root/key` labels. */
export function touchedBy(transaction: Y.Transaction | null): string[] {
  if (!transaction) return []
  const out = new Set<string>()
  for (const change of describeChanges(transaction).types) {
    const entity = change.path[0]
    if (typeof entity === 'string') out.add(`${change.root}/${entity}`)
    else if (change.path.length === 0 && change.keys.length > 0) for (const { key } of change.keys) out.add(`${change.root}/${key}`)
    else out.add(change.root)
  }
  return [...out]
}

/** Replays `rows` into `doc` (which holds the rows before them) and says what each touched. */
export function touchesOf(doc: Y.Doc, rows: readonly LogRow[]): RowTouch[] {
  const out: RowTouch[] = []
  replayInto(doc, rows, (row, _doc, transaction) => out.push({ id: row.id, authorId: row.authorId, createdAt: row.createdAt, touched: touchedBy(transaction) }))
  return out
}

/**
 * Groups rows into sessions (EDGE3): a row joins its author's latest session when it comes less
 * than `gapMs` after that session's last row, even if other people's rows came in between (two
 * people writing together make two sessions, not one per turn); otherwise it opens a new session.
 * Sessions are listed by their first row, so a page cursor on `firstRowId` stays ordered.
 */
export function groupSessions(rows: readonly RowTouch[], gapMs = SESSION_GAP_MS): HistorySession[] {
  const sessions: HistorySession[] = []
  const touched = new Map<HistorySession, Set<string>>()
  const open = new Map<string | null, HistorySession>()
  for (const row of rows) {
    let current = open.get(row.authorId)
    if (!current || row.createdAt - current.to >= gapMs) {
      current = { authorId: row.authorId, from: row.createdAt, to: row.createdAt, firstRowId: row.id, lastRowId: row.id, edits: 0, touched: [] }
      sessions.push(current)
      touched.set(current, new Set())
      open.set(row.authorId, current)
    }
    current.to = Math.max(current.to, row.createdAt)
    current.lastRowId = row.id
    current.edits++
    for (const label of row.touched) touched.get(current)!.add(label)
  }
  for (const session of sessions) session.touched = [...touched.get(session)!].sort()
  return sessions
}

/** Sessions of a whole log, replayed once (the history service keeps the replay: SessionCache). */
export function sessionsOf(rows: readonly LogRow[], docName: string, gapMs = SESSION_GAP_MS): HistorySession[] {
  const doc = replayDoc(docName)
  try {
    return groupSessions(touchesOf(doc, rows), gapMs)
  } finally {
    doc.destroy()
  }
}
