import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeSyncStep2V2, MESSAGE, readSyncStep2V2 } from '../src/index.ts'

describe('sync step 2, V2 (message type 102)', () => {
  it('[SYNC5] round-trips a V2 update that rebuilds the document', () => {
    const source = new Y.Doc()
    source.getText('t').insert(0, 'Convention de partenariat')
    source.getMap('m').set('k', 42)
    const frame = encodeSyncStep2V2(Y.encodeStateAsUpdateV2(source))
    const decoder = decoding.createDecoder(frame)
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE.syncStep2V2)
    expect(MESSAGE.syncStep2V2).toBe(102)
    const copy = new Y.Doc()
    Y.applyUpdateV2(copy, readSyncStep2V2(decoder))
    expect(decoding.hasContent(decoder)).toBe(false)
    expect(copy.getText('t').toString()).toBe('Convention de partenariat')
    expect(copy.getMap('m').get('k')).toBe(42)
  })

  it('[SYNC5] a V1 state converted to V2 decodes to the same document', () => {
    const source = new Y.Doc()
    source.getArray('a').push(Array.from({ length: 200 }, (_, i) => `item ${i}`))
    const v2 = Y.convertUpdateFormatV1ToV2(Y.encodeStateAsUpdate(source))
    const decoder = decoding.createDecoder(encodeSyncStep2V2(v2))
    decoding.readVarUint(decoder)
    const copy = new Y.Doc()
    Y.applyUpdateV2(copy, readSyncStep2V2(decoder))
    expect(copy.getArray('a').toJSON()).toEqual(source.getArray('a').toJSON())
  })
})
