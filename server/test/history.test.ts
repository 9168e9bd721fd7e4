import { actionsOf, buildAction, planMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalJson } from '../src/domain/history/canonical.ts'
import { changedClauses, clausesOf, contentHash } from '../src/domain/history/clauses.ts'
import { documentJson } from '../src/domain/history/documentJson.ts'
import { stateAt } from '../src/domain/history/replay.ts'
import { restoreInto } from '../src/domain/history/restore.ts'
import { sessionsOf } from '../src/domain/history/sessions.ts'
import type { LogRow } from '../src/storage/docStore.ts'

/** Log rows of a document written by `steps`, each one transaction by the given author at the given minute. */
function logOf(steps: [author: string | null, minute: number, edit: (doc: Y.Doc) => void][]): { rows: LogRow[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  const rows: LogRow[] = []
  let pending: Uint8Array | null = null
  doc.on('update', (update: Uint8Array) => (pending = update))
  for (const [i, [authorId, minute, edit]] of steps.entries()) {
    doc.transact(() => edit(doc))
    rows.push({ id: (i + 1) * 3, authorId, createdAt: minute * 60_000, data: pending! })
  }
  return { rows, doc }
}

const action = (title: string) => buildAction({ title, order: 'a0' })

describe('history (pure)', () => {
  it('[HIST5] [EDGE3] sessions split on a change of author and on pauses of at least the gap; a sitting of 30 minutes by default', () => {
    const { rows } = logOf([
      ['u1', 0, (d) => actionsOf(d).set('a1', action('Un'))],
      ['u1', 5, (d) => actionsOf(d).get('a1')!.set('title', 'Deux')],
      ['u2', 6, (d) => planMetaOf(d).set('title', 'Plan')],
      ['u2', 30, (d) => actionsOf(d).get('a1')!.set('deadline', '2026-03-01')],
      [null, 31, (d) => actionsOf(d).delete('a1')],
    ])
    const sessions = sessionsOf(rows, 'plan', 10 * 60_000)
    expect(sessions.map((s) => [s.authorId, s.edits, s.firstRowId, s.lastRowId, s.touched])).toEqual([
      ['u1', 2, 3, 6, ['actions/a1']],
      ['u2', 1, 9, 9, ['meta/title']],
      ['u2', 1, 12, 12, ['actions/a1']],
      [null, 1, 15, 15, ['actions/a1']],
    ])
    // The default sitting (EDGE3): u2's edits 24 minutes apart are one session.
    expect(sessionsOf(rows, 'plan').map((s) => [s.authorId, s.edits])).toEqual([
      ['u1', 2],
      ['u2', 2],
      [null, 1],
    ])
    expect(sessionsOf(rows, 'plan', 60 * 60_000).map((s) => s.edits)).toEqual([2, 2, 1])
  })

  it('[HIST5] clauses are top-level sections; only changed ones are listed; the hash ignores sign-off state', () => {
    const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
    const h = (level: number, text: string) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] })
    const v1 = { meta: { title: 'C', status: 'draft' }, content: [p('Préambule'), h(1, 'Art. 1'), p('a'), h(2, 'Sous-titre'), p('b'), h(1, 'Art. 2'), p('c')] }
    expect(clausesOf(v1).map((c) => [c.key, c.blocks.length])).toEqual([
      ['', 1],
      ['Art. 1', 4],
      ['Art. 2', 2],
    ])
    const v2 = {
      meta: { title: 'C', status: 'adopted', adoptedVersionId: 'x' },
      content: [p('Préambule'), h(1, 'Art. 1'), p('a'), h(2, 'Sous-titre'), p('B'), h(1, 'Art. 2'), p('c'), h(1, 'Art. 3'), p('d')],
    }
    expect(changedClauses(v1, v2)).toEqual(['Art. 1', 'Art. 3'])
    expect(changedClauses(v2, v1)).toEqual(['Art. 1', 'Art. 3'])
    expect(contentHash({ ...v1, meta: { title: 'C', status: 'proposed' } })).toBe(contentHash(v1))
    expect(contentHash(v2)).not.toBe(contentHash(v1))
  })

  it('[HIST5] restoring a plan brings its maps back to the version, as one change on top', () => {
    const { rows, doc } = logOf([
      ['u1', 0, (d) => actionsOf(d).set('a1', action('Un'))],
      ['u1', 1, (d) => planMetaOf(d).set('title', 'Plan')],
      ['u2', 2, (d) => actionsOf(d).get('a1')!.set('title', 'Deux')],
      ['u2', 3, (d) => actionsOf(d).set('a2', action('Autre'))],
      ['u2', 4, (d) => planMetaOf(d).delete('title')],
    ])
    const version = stateAt(rows, 6)
    const expected = canonicalJson(documentJson(version, 'plan'))
    let updates = 0
    doc.on('update', () => updates++)
    doc.transact(() => restoreInto(doc, version, 'plan'))
    expect(updates).toBe(1)
    expect(canonicalJson(documentJson(doc, 'plan'))).toBe(expected)
    expect(canonicalJson(documentJson(stateAt(rows), 'plan'))).not.toBe(expected)
  })
})
