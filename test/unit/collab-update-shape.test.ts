import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdateShape, type ShapeViolation } from '@ensemble/server/collab'
import { longKey, nestedArrays, nestedMaps, nestedQuotesUpdate } from '../reliability/support/craftedUpdates.ts'

const LIMITS = { maxDepth: 48, maxKeyLength: 256 }
const check = (update: Uint8Array, doc = new Y.Doc()): ShapeViolation | null => checkUpdateShape(Y.decodeUpdate(update), doc, LIMITS)

/** What a client writing into `doc` sends for `change` (its update), with `doc` then holding it. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let update: Uint8Array | null = null
  const listener = (u: Uint8Array) => (update = u)
  doc.on('update', listener)
  change(doc)
  doc.off('update', listener)
  return update!
}

/** A map `depth` levels deep (the root counting as 1) in `doc`, returned. */
function deepMap(doc: Y.Doc, depth: number): Y.Map<unknown> {
  let map = doc.getMap<unknown>('actions')
  doc.transact(() => {
    for (let i = 1; i < depth; i++) {
      const child = new Y.Map<unknown>()
      map.set('k', child)
      map = child
    }
  })
  return map
}

describe('HOST2: the shape of an update, checked before it is applied', () => {
  it.each([
    ['47 maps under a root (48 deep)', nestedMaps('actions', 47), null],
    ['48 maps under a root (49 deep)', nestedMaps('actions', 48), { kind: 'depth', depth: 49 }],
    ['10,000 nested maps', nestedMaps('actions', 10_000), { kind: 'depth', depth: 49 }],
    ['10,000 nested arrays', nestedArrays('content', 10_000), { kind: 'depth', depth: 49 }],
    ['2,500 nested blockquotes', nestedQuotesUpdate(2_500), { kind: 'depth', depth: 49 }],
    ['20 nested blockquotes', nestedQuotesUpdate(20), null],
    ['a key of 256 characters', longKey('meta', 256), null],
    ['a key of 257 characters', longKey('meta', 257), { kind: 'key', length: 257 }],
  ] as const)('[HOST2] %s', (_label, update, expected) => {
    expect(check(update)).toEqual(expected)
  })

  it('[HOST2] counts the ancestors the document already has: a map added under a deep existing one', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const parent = deepMap(client, 47)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    // 48 deep: allowed; one more level: refused, although the update itself holds only one map.
    expect(
      check(
        updateOf(client, () => parent.set('ok', new Y.Map())),
        server,
      ),
    ).toBeNull()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    const deepest = parent.get('ok') as Y.Map<unknown>
    expect(
      check(
        updateOf(client, () => deepest.set('too', new Y.Map())),
        server,
      ),
    ).toEqual({ kind: 'depth', depth: 49 })
  })

  it('[HOST2] follows neighbours (origins) to the type an item lives in, in the update and in the document', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const parent = deepMap(client, 47)
    client.transact(() => parent.set('list', new Y.Array()))
    const list = parent.get('list') as Y.Array<unknown>
    client.transact(() => list.push([1]))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    // An array pushed after an existing element names that element as its origin, not its parent.
    expect(
      check(
        updateOf(client, () => list.push([new Y.Array()])),
        server,
      ),
    ).toEqual({ kind: 'depth', depth: 49 })
    // Typing a long run: a chain of origins thousands of items long, resolved without recursion.
    const text = new Y.Doc()
    const update = updateOf(text, (d) => {
      const t = d.getText('t')
      for (let i = 0; i < 5_000; i++) t.insert(i, 'x')
    })
    expect(check(update)).toBeNull()
  })
})
