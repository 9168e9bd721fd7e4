// The Yjs thread (see yjsThread.ts). Plain JavaScript so it loads the same way under
// `node --import tsx`, the test runner and any build: it needs nothing but yjs.
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'

const operations = {
  toV2: ({ update }) => Y.convertUpdateFormatV1ToV2(update),
  merge: ({ updates }) => Y.mergeUpdates(updates),
  // A document rebuilt from its stored updates, as a room would load it: its whole state (V2), state vector and snapshot.
  fullState: ({ updates }) => {
    const doc = new Y.Doc({ gc: true })
    Y.transact(doc, () => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    return { updateV2: Y.encodeStateAsUpdateV2(doc), stateVector: Y.encodeStateVector(doc), snapshot: Y.encodeSnapshot(Y.snapshot(doc)) }
  },
}

const buffersOf = (result) => (result instanceof Uint8Array ? [result.buffer] : Object.values(result).map((bytes) => bytes.buffer))

parentPort.on('message', ({ id, op, ...input }) => {
  try {
    const result = operations[op](input)
    parentPort.postMessage({ id, ok: true, result }, buffersOf(result))
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
