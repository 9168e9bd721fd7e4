import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalJson } from '../src/domain/history/canonical.ts'
import { splitState } from '../src/workers/splitState.ts'

/** A small seeded generator, so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}

/**
 * Three replicas editing a text, a map of maps and an XML fragment concurrently and syncing now and
 * then, so items of one client sit left and right of, and inside, items of the others.
 */
function interleaved(seed: number): Y.Doc {
  const rnd = random(seed)
  const docs = [1, 2, 3].map((id) => {
    const doc = new Y.Doc()
    doc.clientID = id
    return doc
  })
  const pick = () => docs[Math.floor(rnd() * docs.length)]!
  for (let round = 0; round < 300; round++) {
    const doc = pick()
    const text = doc.getText('t')
    const map = doc.getMap<Y.Map<number>>('m')
    const xml = doc.getXmlFragment('content')
    const r = rnd()
    if (r < 0.35) text.insert(Math.floor(rnd() * (text.length + 1)), 'abc'.slice(0, 1 + Math.floor(rnd() * 3)))
    else if (r < 0.5 && text.length > 2) text.delete(Math.floor(rnd() * (text.length - 1)), 1)
    else if (r < 0.65) map.set(`k${Math.floor(rnd() * 10)}`, new Y.Map<number>([['v', round]]))
    else if (r < 0.75) map.get(`k${Math.floor(rnd() * 10)}`)?.set('w', round)
    else {
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(`p${round}`)])
      xml.insert(Math.floor(rnd() * (xml.length + 1)), [paragraph])
    }
    if (rnd() < 0.3) {
      const [from, to] = [pick(), pick()]
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
    }
  }
  for (const from of docs) for (const to of docs) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
  return docs[0]!
}

const contentOf = (doc: Y.Doc) => canonicalJson({ t: doc.getText('t').toString(), m: doc.getMap('m').toJSON(), x: doc.getXmlFragment('content').toString() })

describe('a document state cut into pieces', () => {
  it('[LOOP5] applied in order, every piece integrates at once (nothing pending), whatever the piece size, and the pieces rebuild the same document', () => {
    for (const seed of [1, 7, 42, 2026]) {
      const source = interleaved(seed)
      for (const pieceBytes of [1, 64, 1024, 1 << 20]) {
        const pieces = splitState(source, pieceBytes)
        const rebuilt = new Y.Doc()
        for (const [i, piece] of pieces.entries()) {
          Y.applyUpdate(rebuilt, piece)
          expect(rebuilt.store.pendingStructs, `seed ${seed}, ${pieceBytes} B, piece ${i}`).toBeNull()
          expect(rebuilt.store.pendingDs, `seed ${seed}, ${pieceBytes} B, piece ${i}`).toBeNull()
        }
        expect(contentOf(rebuilt), `seed ${seed}, ${pieceBytes} B`).toBe(contentOf(source))
        expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(source))
        if (pieceBytes === 1024) expect(pieces.length).toBeGreaterThan(2)
      }
    }
  })
})
