/**
 * The joiners of the stall measure, in a process of their own: receiving 20 copies of a multi-MB
 * document is heavy work (buffering and framing tens of MB), and done inside the load generator it
 * delayed the very edits the measure times, for every server alike. Protocol: one JSON line on stdin
 * (`{ wire, docName, urls }`), then "ready" on stdout; on "go" it joins with every URL at once and
 * prints the JSON array of ms from connect to the sync step 2, one per joiner.
 */
import { createInterface } from 'node:readline'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { Wire } from './targets/target.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

/** The first frames a joiner sends: (Hocuspocus: its empty token, then) sync step 1 with an empty state vector. */
function openingFrames(wire: Wire, docName: string): Uint8Array[] {
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    if (wire === 'hocuspocus') encoding.writeVarString(encoder, docName)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }
  const step1 = frame((e) => {
    encoding.writeVarUint(e, 0) // sync
    encoding.writeVarUint(e, 0) // step 1
    encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR)
  })
  if (wire === 'y-websocket') return [step1]
  const token = frame((e) => {
    encoding.writeVarUint(e, 2) // auth
    encoding.writeVarUint(e, 0) // token
    encoding.writeVarString(e, '')
  })
  return [token, step1]
}

/** True when `data` is a sync step 2 (the document state a joiner waits for). */
function isSyncStep2(wire: Wire, data: Uint8Array): boolean {
  const decoder = decoding.createDecoder(data)
  if (wire === 'hocuspocus') decoding.readVarString(decoder)
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1
}

/**
 * A joiner that speaks the wire protocol but never decodes the document: the server does all the
 * work of a join (load, encode, send) while this process stays free to measure the other clients.
 * Resolves with the ms from connect to the sync step 2 received.
 */
async function rawJoin(wire: Wire, url: string, docName: string): Promise<number> {
  const started = performance.now()
  const socket = new WebSocket(url)
  socket.binaryType = 'nodebuffer'
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync step 2 for ${docName}`)), READY_TIMEOUT_MS)
      socket.on('open', () => {
        for (const frame of openingFrames(wire, docName)) socket.send(frame)
      })
      socket.on('message', (data: Buffer) => {
        if (!isSyncStep2(wire, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) return
        clearTimeout(timer)
        resolve(performance.now() - started)
      })
      socket.on('error', reject)
    })
  } finally {
    socket.close()
  }
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const { wire, docName, urls } = JSON.parse((await lines.next()).value as string) as { wire: Wire; docName: string; urls: string[] }
console.log('ready')
await lines.next() // "go"
const joinMs = await Promise.all(urls.map((url) => rawJoin(wire, url, docName)))
console.log(JSON.stringify(joinMs))
process.exit(0)
