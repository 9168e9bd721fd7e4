/**
 * One part of `pnpm bench` (see suite.ts): the server's cost per incoming update on a plan of 2,000 actions, with and without
 * the rules of docs/RULES.md (permissions per changed field + validation of the changed entities).
 * Each update goes through the real path: frame decoding, the edit pipeline (apply with the
 * connection's origin, capture, check, append to the store, broadcast, report). Prints figures only;
 * nothing here asserts timings.
 *
 *   node --expose-gc --import tsx bench/rules.ts [actions=2000] [updates=4000] [rounds=9]
 *
 * Each round loads the plan into two rooms, one with the rules and one without, and feeds both the
 * same updates in alternating batches of 100, so that other processes on the machine slow both
 * alike; the medians of the rounds are printed (the ratio is the median of per-round ratios).
 * "check alone" times the rules inside the pipeline (wall clock: any pause landing inside counts).
 * The A/A line runs the same comparison with no rules on either side: its spread is the noise.
 * Then the cost by plan size (bySize below: 100 and `actions` actions, one steady room at a time),
 * which the suite reads for the target "validation cost independent of the plan's size".
 */
import { MESSAGE, actionsOf, type Role, type WorkspaceContext } from '@ensemble/shared'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { loadavg } from 'node:os'
import * as Y from 'yjs'
import { type ConnectionLimits, type EditCheck, enforceRules, RoomRegistry } from '@ensemble/server/collab'
import { openDatabase } from '@ensemble/server/db'
import { type DocStore, SqliteDocStore } from '@ensemble/server/storage'
import { identity } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { MemorySocketPair } from '../helpers/memorySocket.ts'
import { removeDir, tempDataDir } from '../helpers/server.ts'
import { prng } from '../fuzz/rulesFuzz.ts'
import { planOf } from './largeDoc.ts'

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

const EDITORS = Object.keys(MEMBERS).filter((id) => MEMBERS[id] === 'editor')
const planWith = (count: number) => planOf(count, EDITORS, ['p1', 'p2', 'p3'])

type Mix = 'fields' | 'typing'

/**
 * `count` accepted edits by a steering member, as update frames, in order. `fields`: 40 % typing in
 * a description, 20 % progress, 10 % titles, 10 % milestones, 10 % deadlines, 10 % people — the
 * cross-field rules (dates, milestones, RACI) read several fields. `typing`: every update is a
 * keystroke in a description, as most updates of a live session are.
 */
function editsOn(seed: Y.Doc, actionCount: number, count: number, mix: Mix): Uint8Array[] {
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
    const r = mix === 'typing' ? 0 : random()
    doc.transact(() => {
      if (r < 0.4)
        (action.get('description') as Y.Text).insert(0, 'x') // typing: the most common edit
      else if (r < 0.6) action.set('progress', Math.floor(random() * 100))
      else if (r < 0.7) action.set('title', `Action révisée ${i}`)
      else if (r < 0.8) (action.get('milestones') as Y.Map<Y.Map<unknown>>).get('m2')!.set('done', random() < 0.5)
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

/** One room with its own store and one steering connection, fed update frames. */
interface Setup {
  feed(frames: readonly Uint8Array[]): Promise<void>
  refusals(): number
  close(): Promise<void>
}

/** No rate limit: the by-size measure feeds one connection far more than a client's burst. */
const UNLIMITED: ConnectionLimits = {
  maxBufferedBytes: Number.MAX_SAFE_INTEGER,
  rates: {
    frames: { burst: Infinity, perSecond: Infinity },
    awareness: { burst: Infinity, perSecond: Infinity },
    syncStep1: { burst: Infinity, perSecond: Infinity },
    updateBytes: { burst: Infinity, perSecond: Infinity },
    refusedBytes: { burst: Infinity, perSecond: Infinity },
  },
}

async function setUp(
  seed: Uint8Array,
  check: EditCheck,
  makeStore: () => Promise<{ store: DocStore; done(): Promise<void> }>,
  connectionLimits?: ConnectionLimits,
): Promise<Setup> {
  const { store, done } = await makeStore()
  await store.append(PLAN, seed, null)
  const rooms = new RoomRegistry({
    store,
    checkEdit: check,
    loadWorkspaceContext: async () => CONTEXT,
    roomIdleMs: 60_000,
    compactAfterUpdates: 1_000_000,
    connectionLimits,
  })
  const pair = new MemorySocketPair()
  let refusals = 0
  // Only server errors are counted; what the server sends is otherwise dropped unread.
  const socket = { ...pair.serverSocket, send: (data: Uint8Array) => void (data[0] === MESSAGE.serverError && refusals++) }
  const connection = rooms.connect(socket, identity({ userId: 'st', role: 'steering' }))
  await rooms.whenIdle()
  return {
    feed: async (frames) => {
      for (const frame of frames) connection.receive(frame)
      await rooms.whenIdle()
    },
    refusals: () => refusals,
    close: async () => {
      await rooms.closeAll()
      await done()
    },
  }
}

const BATCH = 100

/**
 * Feeds the same frames to a room with the rules and to one without, in alternating batches of
 * BATCH updates (which one goes first alternates too), so both see the same machine: other
 * processes slow both alike. Returns µs per update for each.
 */
async function sideBySide(
  seed: Uint8Array,
  frames: Uint8Array[],
  makeStore: typeof memoryStore,
  rules: EditCheck,
): Promise<{ without: number; withRules: number; refusals: number }> {
  const plain = await setUp(seed, noRules, makeStore)
  const ruled = await setUp(seed, rules, makeStore)
  ;(globalThis as { gc?: () => void }).gc?.()
  let without = 0
  let withRules = 0
  for (let from = 0, turn = 0; from < frames.length; from += BATCH, turn++) {
    const batch = frames.slice(from, from + BATCH)
    for (const which of turn % 2 === 0 ? ['plain', 'ruled'] : ['ruled', 'plain']) {
      const started = performance.now()
      await (which === 'plain' ? plain : ruled).feed(batch)
      const elapsed = performance.now() - started
      if (which === 'plain') without += elapsed
      else withRules += elapsed
    }
  }
  const refusals = ruled.refusals()
  await plain.close()
  await ruled.close()
  return { without: (without * 1000) / frames.length, withRules: (withRules * 1000) / frames.length, refusals }
}

const memoryStore = async () => ({ store: new MemoryDocStore() as DocStore, done: async () => {} })
const sqliteStore = async () => {
  const dir = tempDataDir('ensemble-bench-')
  const handle = openDatabase({ dataDir: dir, databaseUrl: null })
  const { migrateToLatest } = await import('@ensemble/server/db')
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

/** The rules, timed from inside the pipeline (what the check itself costs per update); BENCH_DETAIL=1 splits it by edit. */
let checkSamples: number[] = []
const tails: Record<string, number[]> = {}
const timedRules: EditCheck = (input) => {
  const started = performance.now()
  const refusal = enforceRules(input)
  const t = (performance.now() - started) * 1000
  checkSamples.push(t)
  if (process.env.BENCH_DETAIL) {
    const change = input.changes.types[0]
    const kind = change ? String(change.path[1] ?? change.keys[0]?.key) : 'none'
    ;(tails[kind] ??= []).push(t)
  }
  return refusal
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const noRules: EditCheck = () => null
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`

async function compare(
  storeName: string,
  makeStore: typeof memoryStore,
  actions: number,
  mix: Mix,
  rules: EditCheck = enforceRules,
  label = 'rules',
): Promise<void> {
  const plan = planWith(actions)
  const seed = Y.encodeStateAsUpdate(plan)
  const frames = editsOn(plan, actions, UPDATES, mix)
  // Warm up both paths (JIT), then keep the medians of the rounds.
  await sideBySide(seed, frames.slice(0, 1000), makeStore, rules)
  const without: number[] = []
  const withRules: number[] = []
  const ratios: number[] = []
  let refusals = 0
  for (let round = 0; round < ROUNDS; round++) {
    const run = await sideBySide(seed, frames, makeStore, rules)
    without.push(run.without)
    withRules.push(run.withRules)
    ratios.push(run.withRules / run.without)
    refusals += run.refusals
  }
  const ratio = median(ratios)
  let check = ''
  if (rules === enforceRules) {
    checkSamples = []
    await sideBySide(seed, frames, makeStore, timedRules)
    for (const [kind, times] of Object.entries(tails)) {
      times.sort((a, b) => a - b)
      console.log(
        `    check of a ${kind} edit: ${times.length} updates, median ${median(times).toFixed(1)} µs, p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} µs`,
      )
      delete tails[kind]
    }
    check = `${(checkSamples.reduce((sum, t) => sum + t, 0) / checkSamples.length).toFixed(1).padStart(5)} / ${median(checkSamples).toFixed(1).padStart(4)}`
  }
  console.log(
    `${storeName.padEnd(7)} ${String(actions).padStart(5)}  ${mix.padEnd(7)} ${label.padEnd(9)} ${median(without).toFixed(1).padStart(7)} ${median(withRules).toFixed(1).padStart(7)}   ${ratio.toFixed(3)} (${signed((ratio - 1) * 100).padStart(5)} %)   ${check.padEnd(12)} ${refusals}`,
  )
}

/**
 * The cost per update by plan size, the way a live room pays it: one room at a time, fed steadily
 * (no rate limit) after a warm-up of WARM_UP updates, timed per batch of SIZE_BATCH updates; the
 * median batch is kept (a major GC landing in a batch does not decide the figure), then the median
 * of the rounds, sizes alternating. Both the whole pipeline (apply, capture, check, store, broadcast)
 * and the check alone are timed. The side-by-side comparison above suits a ratio with and without
 * rules, not a comparison of sizes: it feeds fresh rooms, so most of a 5,000-action plan's updates
 * are the first touch of their action, and two large rooms alternating in batches evict each other
 * from the CPU caches, which a 200-action plan (a few MB) does not suffer.
 */
const WARM_UP = 2_000
const SIZE_BATCH = 250
async function bySize(sizes: number[], updates: number, rounds: number): Promise<void> {
  const inputs = sizes.map((actions) => {
    const plan = planWith(actions)
    return { actions, seed: Y.encodeStateAsUpdate(plan), frames: editsOn(plan, actions, WARM_UP + updates, 'fields') }
  })
  const pipeline = new Map<number, number[]>(sizes.map((size) => [size, []]))
  const check = new Map<number, number[]>(sizes.map((size) => [size, []]))
  let checkUs = 0
  const timed: EditCheck = (input) => {
    const started = performance.now()
    const refusal = enforceRules(input)
    checkUs += (performance.now() - started) * 1000
    return refusal
  }
  for (let round = 0; round < rounds; round++) {
    for (const { actions, seed, frames } of round % 2 === 0 ? inputs : [...inputs].reverse()) {
      const room = await setUp(seed, timed, memoryStore, UNLIMITED)
      await room.feed(frames.slice(0, WARM_UP))
      ;(globalThis as { gc?: () => void }).gc?.()
      const batchUs: number[] = []
      const batchCheckUs: number[] = []
      for (let from = WARM_UP; from < frames.length; from += SIZE_BATCH) {
        const batch = frames.slice(from, from + SIZE_BATCH)
        checkUs = 0
        const started = performance.now()
        await room.feed(batch)
        batchUs.push(((performance.now() - started) * 1000) / batch.length)
        batchCheckUs.push(checkUs / batch.length)
      }
      if (room.refusals() > 0) throw new Error(`${room.refusals()} edits refused on the plan of ${actions} actions`)
      await room.close()
      pipeline.get(actions)!.push(median(batchUs))
      check.get(actions)!.push(median(batchCheckUs))
    }
  }
  console.log(
    `By plan size: one room at a time, ${updates} updates after ${WARM_UP} of warm-up, median batch of ${SIZE_BATCH}, median of ${rounds} rounds (µs per update)`,
  )
  console.log('size   actions   pipeline with rules   check alone')
  for (const actions of sizes) {
    console.log(
      `size   ${String(actions).padStart(7)}   ${median(pipeline.get(actions)!).toFixed(1).padStart(19)}   ${median(check.get(actions)!).toFixed(2).padStart(11)}`,
    )
  }
}

console.log(
  `Server cost per update (µs), ${UPDATES} updates per round, median of ${ROUNDS} rounds, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
console.log('store   actions  mix     check     without    with   ratio              check alone   refusals')
console.log('                                    rules    rules                       mean / median')
await compare('memory', memoryStore, ACTIONS, 'fields')
await compare('memory', memoryStore, ACTIONS, 'typing')
await compare('SQLite', sqliteStore, ACTIONS, 'fields')
await compare('memory', memoryStore, 200, 'fields')
// The noise of the method: the same comparison with no rules on either side.
await compare('memory', memoryStore, ACTIONS, 'fields', noRules, 'none (A/A)')
console.log('')
// The sizes: a plan of 100 actions and one of ACTIONS (5,000 in the full suite).
await bySize([...new Set([100, ACTIONS])], UPDATES * 2, ROUNDS * 3)
process.exit(0)
