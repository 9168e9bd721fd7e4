import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { DeleteSet } from '../collab/capture.ts'
import { writeDeleteSet } from '../collab/refusedEdit.ts'

type Struct = Y.Item | Y.GC

/** Delete-set ranges per piece: applying one looks each range up in the document. */
const DELETE_RANGES_PER_PIECE = 4_096

/**
 * A document's whole state as updates (V1) of about `pieceBytes` each that, applied one after the
 * other to an empty document, build the same document, each applying without waiting for a later
 * one (nothing pending): structs come in an order where everything an item refers to (the item on
 * its left and on its right when it was inserted, the type it lives in) comes first, the way Yjs
 * integrates them; the deletions come last. A room applies these pieces a few at a time between
 * other work, where one `applyUpdate` of a large document would hold the event loop for seconds
 * (issue 26, item 6). Written from the document's own structs, as `encodeStateAsUpdate` does.
 */
export function splitState(doc: Y.Doc, pieceBytes: number): Uint8Array[] {
  const pieces: Uint8Array[] = []
  let piece = new PieceWriter()
  for (const struct of integrationOrder(doc)) {
    piece.write(struct)
    if (piece.bytes >= pieceBytes) {
      pieces.push(piece.finish())
      piece = new PieceWriter()
    }
  }
  if (piece.bytes > 0) pieces.push(piece.finish())
  for (const deletions of chunkDeleteSet(Y.createDeleteSetFromStructStore(doc.store), DELETE_RANGES_PER_PIECE)) pieces.push(encodeDeletions(deletions))
  return pieces
}

/**
 * The document's structs in an order where each comes after what it depends on: one client at a
 * time in clock order, switching first to the client of an unmet dependency (the stack Yjs' own
 * integration uses). One client's own dependencies always have lower clocks.
 */
function* integrationOrder(doc: Y.Doc): Generator<Struct> {
  const clients = [...doc.store.clients.keys()]
  const lists = clients.map((client) => doc.store.clients.get(client)! as Struct[])
  const indexOf = new Map(clients.map((client, i) => [client, i]))
  const next = new Int32Array(clients.length)
  /** The index of the client whose struct holding `id` is not emitted yet, or -1. */
  const unmet = (id: Y.ID | null, own: number): number => {
    if (id === null) return -1
    const c = indexOf.get(id.client)
    if (c === undefined || c === own) return -1
    const list = lists[c]!
    const index = next[c]!
    return index < list.length && id.clock >= list[index]!.id.clock ? c : -1
  }
  const stack: number[] = []
  for (let first = 0; first < clients.length; first++) {
    stack.push(first)
    while (stack.length > 0) {
      const c = stack[stack.length - 1]!
      const list = lists[c]!
      const index = next[c]!
      if (index >= list.length) {
        stack.pop()
        continue
      }
      const struct = list[index]!
      if (struct instanceof Y.Item) {
        const parent = struct.parent as unknown
        const parentId = parent instanceof Y.AbstractType ? (parent._item?.id ?? null) : parent instanceof Y.ID ? parent : null
        let waitFor = unmet(struct.origin, c)
        if (waitFor < 0) waitFor = unmet(struct.rightOrigin, c)
        if (waitFor < 0) waitFor = unmet(parentId, c)
        // A cycle cannot happen in a document; were it there, the struct goes anyway (Yjs would keep it pending).
        if (waitFor >= 0 && !stack.includes(waitFor)) {
          stack.push(waitFor)
          continue
        }
      }
      next[c] = index + 1
      yield struct
      // Back to the client waiting below, whose dependency may be met now.
      if (stack.length > 1) stack.pop()
    }
  }
}

/**
 * One piece being written: each client's structs form one run of clocks (they come in clock
 * order), written to an encoder of their own and put together at the end, as a V1 update's
 * per-client blocks are.
 */
class PieceWriter {
  bytes = 0
  private readonly runs = new Map<number, { encoder: Y.UpdateEncoderV1; count: number; firstClock: number }>()

  write(struct: Struct): void {
    let run = this.runs.get(struct.id.client)
    if (!run) this.runs.set(struct.id.client, (run = { encoder: new Y.UpdateEncoderV1(), count: 0, firstClock: struct.id.clock }))
    const before = encoding.length(run.encoder.restEncoder)
    struct.write(run.encoder, 0)
    run.count++
    this.bytes += encoding.length(run.encoder.restEncoder) - before
  }

  /** The update: its per-client blocks, then an empty delete set. */
  finish(): Uint8Array {
    const encoder = new Y.UpdateEncoderV1()
    encoding.writeVarUint(encoder.restEncoder, this.runs.size)
    for (const [client, run] of this.runs) {
      encoding.writeVarUint(encoder.restEncoder, run.count)
      encoder.writeClient(client)
      encoding.writeVarUint(encoder.restEncoder, run.firstClock)
      encoding.writeUint8Array(encoder.restEncoder, run.encoder.toUint8Array())
    }
    encoding.writeVarUint(encoder.restEncoder, 0)
    return encoder.toUint8Array()
  }
}

/** The deletions of a document in delete sets of at most `rangesPerChunk` ranges each. */
function* chunkDeleteSet(deleteSet: DeleteSet, rangesPerChunk: number): Generator<DeleteSet> {
  let chunk = Y.createDeleteSet()
  let count = 0
  for (const [client, ranges] of deleteSet.clients) {
    for (const range of ranges) {
      let list = chunk.clients.get(client)
      if (!list) chunk.clients.set(client, (list = []))
      list.push(range)
      if (++count >= rangesPerChunk) {
        yield chunk
        chunk = Y.createDeleteSet()
        count = 0
      }
    }
  }
  if (count > 0) yield chunk
}

/** An update of deletions only. */
function encodeDeletions(deleteSet: DeleteSet): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, 0)
  writeDeleteSet(encoder, deleteSet)
  return encoder.toUint8Array()
}
