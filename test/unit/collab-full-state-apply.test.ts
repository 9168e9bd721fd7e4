import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyWithoutUpdateEvent } from '../../client/src/features/collab/syncV2.ts'

describe('a whole document applied from a type-102 frame', () => {
  it('is not encoded again for the update listeners, which hear every later change', () => {
    const source = new Y.Doc()
    source.getMap('actions').set('a1', 'Première action')
    const doc = new Y.Doc()
    const heard: unknown[] = []
    const listener = (_update: Uint8Array, origin: unknown) => heard.push(origin)
    doc.on('update', listener)
    // A listener that subscribes while the state is applied (an observer's side effect) is kept too.
    const late: unknown[] = []
    const subscribeLate = () => {
      doc.getMap('actions').unobserve(subscribeLate)
      doc.on('update', (_u: Uint8Array, origin: unknown) => late.push(origin))
    }
    doc.getMap('actions').observe(subscribeLate)

    applyWithoutUpdateEvent(doc, Y.encodeStateAsUpdateV2(source), 'provider')
    expect(doc.getMap('actions').get('a1')).toBe('Première action')
    expect(heard).toEqual([])

    doc.getMap('actions').set('a2', 'Deuxième action')
    expect(heard).toEqual([null])
    expect(late.at(-1)).toBe(null)
  })
})
