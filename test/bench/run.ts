/**
 * `pnpm bench`: the server's cost per incoming update on a plan of 2,000 actions, with and without
 * the rules of docs/RULES.md (permissions per changed field + validation of the changed entities).
 * Each update goes through the real path: frame decoding, the edit pipeline (apply with the
 * connection's origin, capture, check, append to the store, broadcast, report). Prints figures only;
 * nothing here asserts timings.
 *
 *   node --expose-gc --import tsx bench/run.ts [actions=2000] [updates=4000] [rounds=9]
 *
 * Rounds alternate between the two configurations (each on a fresh room loaded from the same
 * stored plan, after a full garbage collection when --expose-gc is given), are measured in CPU time
 * of the process, and medians are kept. "check alone" times the rules inside the pipeline (wall
 * clock, so it includes any pause that lands inside the check).
 */
import { MESSAGE, actionsOf, buildAction, keysAfter, planMetaOf, type Role, type WorkspaceContext } from '@ensemble/shared'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { EditCheck } from '../../server/src/collab/pipeline/index.ts'
import { RoomRegistry } from '../../server/src/collab/rooms.ts'
import { enforceRules } from '../../server/src/collab/rules/enforceRules.ts'
import { openDatabase } from '../../server/src/db/database.ts'
import type { DocStore } from '../../server/src/storage/docStore.ts'
import { SqliteDocStore } from '../../server/src/storage/sqliteDocStore.ts'
import { identity } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { MemorySocketPair } from '../helpers/memorySocket.ts'
import { removeDir, tempDataDir } from '../helpers/server.ts'
import { prng } from '../fuzz/rulesFuzz.ts'

const ACTIONS = Number(process.argv[2] ?? 2000)
const UPDATES = Number(process.argv[3] ?? 4000)
const ROUNDS = Number(process.argv[4] ?? 9)
const PLAN = { workspaceId: 'w1', docName: 'plan' }

const MEMBERS: Record<string, Role> = { st: 'steering', ad: 'admin' }
for (let i = 0; i < 40; i++) MEMBERS[`e${i}`] = 'editor'
for (let i = 0; i < 10; i++) MEMBERS[`o${i}`] = 'observer'
const CONTEXT: WorkspaceContext = {
  members: new Map(Object.entries(MEMBERS).map(([userId, role]) => [userId, { role, partnerId: 'p1' }])),
  partners: new Set(['p1', 'p2', 'p3']),
}

/** A valid plan of `count` planned actions, each with people, dates, two milestones and a resource. */
function planOf(count: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  const orders = keysAfter(null, count)
  doc.transact(() => {
    planMetaOf(doc).set('title', 'Plan')
    planMetaOf(doc).set('start', '2026-01-01')
    planMetaOf(doc).set('end', '2028-12-31')
    for (let i = 0; i < count; i++) {
      actionsOf(doc).set(
        `a${i}`,
        buildAction({
          title: `Action ${i}`,
          objective: 'Objectif',
          description: 'Description de départ. ',
          order: orders[i]!,
          status: 'in_progress',
          start: '2026-03-01',
          deadline: '2027-06-30',
          progress: 10,
          accountable: `e${i % 40}`,
          responsible: [`e${(i + 1) % 40}`, `e${(i + 2) % 40}`],
          consulted: [`e${(i + 3) % 40}`],
          informed: [`e${(i + 4) % 40}`],
          milestones: {
            m1: { title: 'Lancement', date: '2026-04-01', done: true, order: 'a0' },
            m2: { title: 'Bilan', date: '2027-06-01', done: false, order: 'a1' },
          },
          resources: { r1: { label: 'Budget', amount: 1000, unit: 'EUR', partnerId: `p${(i % 3) + 1}` } },
        }),
      )
    }
  })
  return doc
}

/** `count` typical accepted edits by a steering member, as update frames, in order. */
function editsOn(seed: Y.Doc, actionCount: number, count: number): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 7
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed))
  const frames: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE.sync)
    syncProtocol.writeUpdate(encoder, update)
    frames.push(encoding.toUint8Array(encoder))
  })
  const random = prng(42)
  const actions = actionsOf(doc)
  for (let i = 0; i < count; i++) {
    const action = actions.get(`a${Math.floor(random() * actionCount)}`)!
    const r = random()
    doc.transact(() => {
      if (r < 0.4) (action.get('description') as Y.Text).insert(0, 'x') // typing: the most common edit
      else if (r < 0.6) action.set('progress', Math.floor(random() * 100))
      else if (r < 0.7) action.set('title', `Action révisée ${i}`)
      else if (r < 0.8) ((action.get('milestones') as Y.Map<Y.Map<unknown>>).get('m2')!).set('done', random() < 0.5)
      else if (r < 0.9) action.set('deadline', random() < 0.5 ? '2027-06-30' : '2027-09-30')
      else {
        const informed = action.get('informed') as Y.Array<string>
        if (informed.length > 1) informed.delete(1, 1)
        else informed.push([`o${i % 10}`])
      }
    })
  }
  return frames
}

interface Run {
  usPerUpdate: number
  refusals: number
}

async function measure(seed: Uint8Array, frames: Uint8Array[], check: EditCheck, makeStore: () => Promise<{ store: DocStore; done(): Promise<void> }>): Promise<Run> {
  const { store, done } = await makeStore()
  await store.append(PLAN, seed, null)
  const rooms = new RoomRegistry({ store, checkEdit: check, loadWorkspaceContext: async () => CONTEXT, roomIdleMs: 60_000, compactAfterUpdates: 1_000_000 })
  const pair = new MemorySocketPair()
  let refusals = 0
  // Only server errors are counted; what the server sends is otherwise dropped unread.
  const socket = { ...pair.serverSocket, send: (data: Uint8Array) => void (data[0] === MESSAGE.serverError && refusals++) }
  const connection = rooms.connect(socket, identity({ userId: 'st', role: 'steering' }))
  await rooms.whenIdle()
  ;(globalThis as { gc?: () => void }).gc?.()
  // CPU time of this process (all its threads, GC included), not wall time: other processes on the
  // machine do not count against the server.
  const started = process.cpuUsage()
  for (const frame of frames) connection.receive(frame)
  await rooms.whenIdle()
  const used = process.cpuUsage(started)
  const elapsed = (used.user + used.system) / 1000
  await rooms.closeAll()
  await done()
  return { usPerUpdate: (elapsed * 1000) / frames.length, refusals }
}

const memoryStore = async () => ({ store: new MemoryDocStore() as DocStore, done: async () => {} })
const sqliteStore = async () => {
  const dir = tempDataDir('ensemble-bench-')
  const handle = openDatabase({ dataDir: dir, databaseUrl: null })
  const { migrateToLatest } = await import('../../server/src/db/migrate.ts')
  await migrateToLatest(handle.db, handle.dialect)
  const store = new SqliteDocStore(handle.sqlite!)
  return {
    store: store as DocStore,
    done: async () => {
      await store.close()
      await handle.close()
      removeDir(dir)
    },
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const noRules: EditCheck = () => null
/** The rules, timed from inside the pipeline (what the check itself costs per update). */
let checkSamples: number[] = []
const timedRules: EditCheck = (input) => {
  const started = performance.now()
  const refusal = enforceRules(input)
  checkSamples.push((performance.now() - started) * 1000)
  return refusal
}

async function compare(label: string, makeStore: typeof memoryStore, actions: number): Promise<void> {
  const plan = planOf(actions)
  const seed = Y.encodeStateAsUpdate(plan)
  const frames = editsOn(plan, actions, UPDATES)
  // Warm up both paths (JIT), then alternate rounds and keep the medians.
  await measure(seed, frames.slice(0, 500), noRules, makeStore)
  await measure(seed, frames.slice(0, 500), enforceRules, makeStore)
  const without: number[] = []
  const withRules: number[] = []
  let refusals = 0
  for (let round = 0; round < ROUNDS; round++) {
    without.push((await measure(seed, frames, noRules, makeStore)).usPerUpdate)
    const enforced = await measure(seed, frames, enforceRules, makeStore)
    withRules.push(enforced.usPerUpdate)
    refusals += enforced.refusals
  }
  const base = median(without)
  const ruled = median(withRules)
  // The check alone, timed inside the pipeline, against the pipeline without rules.
  checkSamples = []
  await measure(seed, frames, timedRules, makeStore)
  const check = checkSamples.reduce((sum, t) => sum + t, 0) / checkSamples.length
  console.log(
    `${label.padEnd(26)} ${String(actions).padStart(5)} actions │ without rules ${base.toFixed(1).padStart(6)} µs/update │ with rules ${ruled.toFixed(1).padStart(6)} µs/update │ ratio ${(ruled / base).toFixed(3)} (${signed(((ruled - base) / base) * 100)} %) │ check alone ${check.toFixed(1)} µs mean, ${median(checkSamples).toFixed(1)} µs median = ${((check / base) * 100).toFixed(1)} % of an update │ refusals ${refusals}`,
  )
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`

console.log(`Server CPU cost per update, ${UPDATES} updates per round, median of ${ROUNDS} rounds (node ${process.version})`)
await compare('memory store', memoryStore, ACTIONS)
await compare('SQLite store (WAL, FULL)', sqliteStore, ACTIONS)
await compare('memory store, small plan', memoryStore, 200)
process.exit(0)
