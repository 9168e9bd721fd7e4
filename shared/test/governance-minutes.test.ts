import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { amendmentsOpen, applyAmendment, contentOf, minutesLocked, proposeAmendmentSchema } from '../src/index.ts'

/** The minutes' amendments (GOV21): when they may be proposed, and how an accepted one changes the document. */

function minutes(...paragraphs: (string | [string, Record<string, unknown>])[][]): Y.Doc {
  const doc = new Y.Doc()
  for (const parts of paragraphs) {
    const p = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    let at = 0
    for (const part of parts) {
      const [s, attrs] = typeof part === 'string' ? [part, undefined] : part
      text.insert(at, s, attrs ?? {})
      at += s.length
    }
    p.insert(0, [text])
    contentOf(doc).push([p])
  }
  return doc
}
const texts = (doc: Y.Doc) =>
  contentOf(doc)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toDelta())

describe('[GOV21] amendments to the minutes', () => {
  it('[GOV21] are proposed during the period only, its last day included, and never once the minutes are locked', () => {
    const open = { minutesStatus: 'amendments' as const, amendmentsUntil: '2026-12-05' }
    expect(amendmentsOpen(open, '2026-11-30')).toBe(true)
    expect(amendmentsOpen(open, '2026-12-05')).toBe(true)
    expect(amendmentsOpen(open, '2026-12-06')).toBe(false)
    expect(amendmentsOpen({ ...open, minutesStatus: 'draft' }, '2026-11-30')).toBe(false)
    expect(amendmentsOpen({ ...open, minutesStatus: 'locked' }, '2026-11-30')).toBe(false)
    expect(amendmentsOpen({ ...open, amendmentsUntil: null }, '2026-11-30')).toBe(false)
    expect([minutesLocked('draft'), minutesLocked('amendments'), minutesLocked('approved'), minutesLocked('locked')]).toEqual([false, false, true, true])
  })

  it('[GOV21] an accepted amendment replaces the quoted passage, keeping the marks around it', () => {
    const doc = minutes(['Présents : Lina, Hugo.'], ['Le budget est ', ['adopté à l’unanimité', { bold: true }], '.'])
    expect(applyAmendment(doc, 'à l’unanimité', 'à la majorité')).toBe(true)
    expect(texts(doc)).toEqual([
      [{ insert: 'Présents : Lina, Hugo.' }],
      [{ insert: 'Le budget est ' }, { insert: 'adopté à la majorité', attributes: { bold: true } }, { insert: '.' }],
    ])
  })

  it('[GOV21] without a quote it adds a paragraph; a quote no longer there changes nothing', () => {
    const doc = minutes(['Présents : Lina.'])
    expect(applyAmendment(doc, null, 'Ajout : prochaine réunion en janvier.')).toBe(true)
    expect(texts(doc)).toEqual([[{ insert: 'Présents : Lina.' }], [{ insert: 'Ajout : prochaine réunion en janvier.' }]])
    const before = Y.encodeStateVector(doc)
    expect(applyAmendment(doc, 'Hugo', 'Hugo, Bénédicte')).toBe(false)
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('[GOV21] an amendment has a text; an empty quote is refused', () => {
    expect(proposeAmendmentSchema.safeParse({ text: '  ' }).success).toBe(false)
    expect(proposeAmendmentSchema.safeParse({ text: 'x', quote: '' }).success).toBe(false)
    expect(proposeAmendmentSchema.parse({ text: 'x' })).toEqual({ text: 'x', quote: null })
  })
})
