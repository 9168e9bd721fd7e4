import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE } from '@ensemble/shared'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { removeDir, spawnServer, tempDataDir, type ChildServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { prng } from '../fuzz/rulesFuzz.ts'
import { acknowledged, audit, connectTypist, destroyAll, readBack, receivedFromOthers, seedCount, typeNext, type Typist } from './support/typists.ts'

const CLIENTS = 50
const SEEDS = seedCount(10)

/**
 * Real `pnpm start` processes on one data directory, killed and restarted: each seed's restart
 * serves the next seed (a process start is the slow part of this suite).
 */
describe('crash and shutdown in the middle of an edit storm', () => {
  const dataDir = tempDataDir('ensemble-crash-')
  let server: ChildServer
  let port: number
  let workspaceId: string
  let people: TestMember[]
  beforeAll(async () => {
    server = await spawnServer(dataDir)
    port = Number(new URL(server.url).port)
    // Five members with ten tabs each: fifty providers, each typing its own tokens.
    const alliance = await createAlliance(server.url, ['editor', 'editor', 'editor', 'editor'])
    workspaceId = alliance.workspaceId
    people = [alliance.admin, ...alliance.members]
  }, 180_000)
  afterAll(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) await server.kill('SIGKILL')
    removeDir(dataDir)
  }, 60_000)

  const connectTypists = async (count: number, docName: string, prefix: string): Promise<Typist[]> => {
    const typists: Typist[] = []
    for (let i = 0; i < count; i++) typists.push(await connectTypist(people[i % people.length]!.client, workspaceId, docName, `${prefix}c${i}`))
    return typists
  }

  /** Random typists type every 2 ms; `signal` is sent once the server has saved `after` of their tokens. */
  const stormUntil = (typists: Typist[], random: () => number, after: number, signal: NodeJS.Signals): Promise<void> => {
    const running = server
    return new Promise<void>((resolve) => {
      const storm = setInterval(() => {
        typeNext(typists[Math.floor(random() * typists.length)]!)
        // The server's progress, not the wall clock, so the moment means the same on a slow machine.
        const saved = typists.reduce((n, t) => n + acknowledged(t).length, 0)
        if (saved >= after && !running.child.killed) running.child.kill(signal)
        if (running.child.exitCode !== null || running.child.signalCode !== null) {
          clearInterval(storm)
          resolve()
        }
      }, 2)
    })
  }

  it(`[DUR1] after a SIGKILL at a seeded moment of a ${CLIENTS}-client storm, every token another client received or the server acknowledged is there (${SEEDS} seeds)`, async () => {
    const totals = { tokens: 0, acknowledged: 0, received: 0, checked: 0, lost: 0, duplicated: 0 }
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = prng(seed)
      const docName = seed % 2 ? 'agreement' : 'charter'
      const prefix = `tok-s${seed}c`
      const typists = await connectTypists(CLIENTS, docName, `s${seed}`)
      await stormUntil(typists, random, 10 + Math.floor(random() * 140), 'SIGKILL')
      await server.exited

      // The process is gone: whatever a client holds from someone else, and every acknowledgement,
      // left the server before it died.
      const received = new Set(typists.flatMap((t) => receivedFromOthers(t, prefix)))
      const acked = new Set(typists.flatMap(acknowledged))
      destroyAll(typists)
      const expected = new Set([...received, ...acked])

      server = await spawnServer(dataDir, {}, port)
      const doc = await readBack(people[0]!.client, workspaceId, docName)
      const { lost, duplicated } = audit(doc, expected)
      totals.tokens += typists.reduce((n, t) => n + t.written.length, 0)
      totals.acknowledged += acked.size
      totals.received += received.size
      totals.checked += expected.size
      totals.lost += lost.length
      totals.duplicated += duplicated.length
      expect({ seed, lost, duplicated }).toEqual({ seed, lost: [], duplicated: [] })
      // The seed proved something: the server had acknowledged part of the storm before it died.
      expect(acked.size, `seed ${seed}: acknowledged`).toBeGreaterThan(0)
    }
    console.log(
      `[DUR1] seeds=${SEEDS} clients=${CLIENTS} tokens typed=${totals.tokens} acknowledged=${totals.acknowledged} received-by-others=${totals.received} checked=${totals.checked} lost=${totals.lost} duplicated=${totals.duplicated}`,
    )
  }, 600_000)

  it('[DUR2] SIGTERM mid-storm drains and closes sockets with 1001; the providers reconnect by themselves to the restarted server and nothing typed is lost', async () => {
    const random = prng(42)
    const typists = await connectTypists(20, 'vision', 'term')
    const codes: number[] = []
    for (const t of typists) t.client.provider.on('connection-close', (event) => event && codes.push(event.code))
    await stormUntil(typists, random, 30 + Math.floor(random() * 100), 'SIGTERM')
    const exitCode = await server.exited
    // Still typing while the server is away: these edits wait in the replicas.
    for (let i = 0; i < 20; i++) typeNext(typists[Math.floor(random() * typists.length)]!)
    expect(exitCode).toBe(0)
    expect(new Set(codes)).toEqual(new Set([CLOSE.goingAway]))
    // Their own status says so.
    expect(typists.some((t) => t.tracker.state === 'unsaved')).toBe(true)

    server = await spawnServer(dataDir, {}, port)
    // Nobody reconnects them: the providers do, and their sync step 2 carries what was not saved.
    await waitFor(() => typists.every((t) => t.client.provider.synced && t.tracker.state === 'saved'), {
      timeoutMs: 30_000,
      message: 'every typist saved again',
    })
    const written = typists.flatMap((t) => t.written.map((w) => w.token))
    destroyAll(typists)
    const { lost, duplicated } = audit(await readBack(people[0]!.client, workspaceId, 'vision'), written)
    expect({ lost, duplicated }).toEqual({ lost: [], duplicated: [] })
    console.log(
      `[DUR2] clients=${typists.length} tokens typed=${written.length} checked=${written.length} lost=${lost.length} duplicated=${duplicated.length} close codes=${[...new Set(codes)].join(',')}`,
    )
  }, 240_000)
})
