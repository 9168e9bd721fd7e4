import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { DeleteSet } from './capture.ts'

/**
 * A refused edit as it is stored and broadcast (DESIGN §5, HOST3): what it costs to undo, never its
 * content. Its author's replica already holds the edit, so the ids it used must reach every replica
 * (or that author's next changes would wait for them forever); but once compensated, all it inserted
 * is deleted, and the room has collected that content: items keep their ids, neighbours and a length,
 * types nested inside them are gone (GC structs). This encodes the room's structs from `from` (per
 * client: the clock where the edit and its compensation began) to the end, as Yjs itself would encode
 * them, and only the deletions of `deleteSets` (the edit's and its compensation's) instead of the
 * document's whole delete set.
 *
 * Call it after the compensation, once the UndoManager let go of the edit and the room collected it.
 */
export function encodeRefusedEdit(doc: Y.Doc, from: ReadonlyMap<number, number>, deleteSets: readonly DeleteSet[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const clients = [...from].filter(([client, clock]) => clock < Y.getState(doc.store, client)).sort(([a], [b]) => b - a)
  encoding.writeVarUint(encoder.restEncoder, clients.length)
  for (const [client, clock] of clients) {
    const structs = doc.store.clients.get(client)!
    const start = Y.findIndexSS(structs, clock)
    encoding.writeVarUint(encoder.restEncoder, structs.length - start)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, clock)
    // The first struct may begin before `clock` (collected content merges with its left neighbour).
    structs[start]!.write(encoder, clock - structs[start]!.id.clock)
    for (let i = start + 1; i < structs.length; i++) structs[i]!.write(encoder, 0)
  }
  writeDeleteSet(encoder, Y.mergeDeleteSets([...deleteSets]))
  return encoder.toUint8Array()
}

/** The delete set section of a V1 update (Yjs writes clients in descending order). */
export function writeDeleteSet(encoder: Y.UpdateEncoderV1, deleteSet: DeleteSet): void {
  const clients = [...deleteSet.clients].filter(([, ranges]) => ranges.length > 0).sort(([a], [b]) => b - a)
  encoding.writeVarUint(encoder.restEncoder, clients.length)
  for (const [client, ranges] of clients) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock)
      encoder.writeDsLen(len)
    }
  }
}

/** Per client, the first clock of the structs an update holds (where that edit began for each). */
export function firstClocks(update: Uint8Array): Map<number, number> {
  return Y.parseUpdateMeta(update).from
}
