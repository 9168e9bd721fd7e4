// The Yjs thread (see yjsThread.ts). Plain JavaScript so it loads the same way under
// `node --import tsx`, the test runner and any build: it needs nothing but yjs.
import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'

const operations = {
  toV2: ({ update }) => Y.convertUpdateFormatV1ToV2(update),
  merge: ({ updates }) => Y.mergeUpdates(updates),
}

parentPort.on('message', ({ id, op, ...input }) => {
  try {
    const result = operations[op](input)
    parentPort.postMessage({ id, ok: true, result }, [result.buffer])
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
})
