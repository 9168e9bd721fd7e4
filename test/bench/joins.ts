import { actionsOf, contentOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { waitFor } from '../helpers/waitFor.ts'
import { rssKb } from './proc.ts'
import type { LargeSeed } from './largeDoc.ts'
import { sleep } from './stats.ts'
import type { BenchClient, Target } from './targets/target.ts'
import { READY_TIMEOUT_MS } from './targets/yWebsocketClient.ts'

export interface JoinResult {
  /** Time for a fresh client (real provider, decoding included) to hold both documents, per join. */
  joinMs: number[]
  /** The same joins by clients that ask for the full state in V2 (Ensemble's web client), when the target has them. */
  joinMsV2?: number[]
  /** Server RSS before the documents were loaded, and with them loaded. */
  rssBeforeKb: number
  rssLoadedKb: number
}

/** The large alliance's documents as held by one open client (the seeder stays connected). */
export interface LoadedLargeDoc {
  seeders: BenchClient[]
  result: JoinResult
}

const hasAll = (plan: Y.Doc, agreement: Y.Doc, seed: LargeSeed) => actionsOf(plan).size === seed.actions && contentOf(agreement).length === seed.paragraphs

/**
 * Loads the large plan and agreement into the target through a seeding client (for Ensemble, through
 * the rules and the durable log like any edit), then times `joins` fresh clients, one after the other,
 * from connect until both documents are synced and complete. The seeder stays connected (Hocuspocus
 * unloads a document nobody holds), so the target keeps the documents for the stall measure.
 */
export async function loadAndJoin(target: Target, seed: LargeSeed, joins: number): Promise<LoadedLargeDoc> {
  const rssBeforeKb = rssKb(target.pid)
  const plan = await target.connect('plan')
  const agreement = await target.connect('agreement')
  await Promise.all([plan.ready(), agreement.ready()])
  Y.applyUpdate(agreement.doc, seed.agreement)
  for (const chunk of seed.planChunks) Y.applyUpdate(plan.doc, chunk)
  // The first join only checks the server holds it all.
  const joinMs = (await timeJoins(target.connect, seed, joins + 1)).slice(1)
  const connectV2 = target.connectV2
  // Its first join is dropped too: like the first V1 one, it runs cold code in this process (the
  // client's first V2 decode took ~270 ms on a 200-action plan, the next ones ~25 ms) and the server's
  // first encoding of this state.
  const joinMsV2 = connectV2 ? (await timeJoins(connectV2, seed, joins + 1)).slice(1) : undefined
  await sleep(500) // let the server release the joiners' connections before reading its memory
  return { seeders: [plan, agreement], result: { joinMs, ...(joinMsV2 ? { joinMsV2 } : {}), rssBeforeKb, rssLoadedKb: rssKb(target.pid) } }
}

/** Times `count` fresh clients, one after the other, from connect until both documents are synced and complete. */
async function timeJoins(connect: Target['connect'], seed: LargeSeed, count: number): Promise<number[]> {
  const joinMs: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    const [p, a] = await Promise.all([connect('plan'), connect('agreement')])
    await Promise.all([p.ready(), a.ready()])
    // Synced is not enough while the seeder's updates are still on their way (first join only).
    await waitFor(() => hasAll(p.doc, a.doc, seed), { timeoutMs: READY_TIMEOUT_MS, intervalMs: 2, message: 'large documents complete' })
    joinMs.push(performance.now() - started)
    p.destroy()
    a.destroy()
  }
  return joinMs
}
