import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { runLoad, type LoadResult, type LoadSpec } from './loadGenerator.ts'
import type { Target } from './targets/target.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

/** The first frames a joiner sends: (Hocuspocus: its empty token, then) sync step 1 with an empty state vector. */
function openingFrames(target: Target, docName: string): Uint8Array[] {
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder()
    if (target.wire === 'hocuspocus') encoding.writeVarString(encoder, docName)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }
  const step1 = frame((e) => {
    encoding.writeVarUint(e, 0) // sync
    encoding.writeVarUint(e, 0) // step 1
    encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR)
  })
  if (target.wire === 'y-websocket') return [step1]
  const token = frame((e) => {
    encoding.writeVarUint(e, 2) // auth
    encoding.writeVarUint(e, 0) // token
    encoding.writeVarString(e, '')
  })
  return [token, step1]
}

/** True when `data` is a sync step 2 (the document state a joiner waits for). */
function isSyncStep2(target: Target, data: Uint8Array): boolean {
  const decoder = decoding.createDecoder(data)
  if (target.wire === 'hocuspocus') decoding.readVarString(decoder)
  return decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 1
}

/**
 * A joiner that speaks the wire protocol but never decodes the document: the server does all the
 * work of a join (load, encode, send) while this process stays free to measure the other clients.
 * Resolves with the ms from connect to the sync step 2 received.
 */
async function rawJoin(target: Target, docName: string): Promise<number> {
  const started = performance.now()
  const socket = new WebSocket(await target.rawUrl(docName))
  socket.binaryType = 'nodebuffer'
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target.name}: no sync step 2 for ${docName}`)), READY_TIMEOUT_MS)
      socket.on('open', () => {
        for (const frame of openingFrames(target, docName)) socket.send(frame)
      })
      socket.on('message', (data: Buffer) => {
        if (!isSyncStep2(target, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))) return
        clearTimeout(timer)
        resolve(performance.now() - started)
      })
      socket.on('error', reject)
    })
  } finally {
    socket.close()
  }
}

export interface StallResult {
  load: LoadResult
  /** Time for each of the joiners to receive the large plan. */
  joinMs: number[]
}

/**
 * "Joining never stalls": while `joiners` clients join the large plan at once, the edits of another
 * document keep being measured (latency over the whole window of the joins).
 */
export async function joinWhileEditing(target: Target, spec: LoadSpec, tag: string, joiners: number): Promise<StallResult> {
  let joinMs: number[] = []
  const load = await runLoad(target, spec, tag, async () => {
    joinMs = await Promise.all(Array.from({ length: joiners }, () => rawJoin(target, 'plan')))
  })
  return { load, joinMs }
}
