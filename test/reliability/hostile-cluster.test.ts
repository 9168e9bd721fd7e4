import { CLOSE, MESSAGE, readServerError } from '@ensemble/shared'
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, fetchTicket, type DocClient } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { InProcessFanOut, InProcessHub, Replicator } from '@ensemble/server/fanout'
import { RoomRegistry } from '@ensemble/server/collab'
import { identity, MemoryNetwork } from '../helpers/memoryClient.ts'
import { MemoryDocStore } from '../helpers/memoryDocStore.ts'
import { describeRedis, redisUrl } from '../helpers/redis.ts'
import type { TestServer } from '../helpers/server.ts'
import { tokensIn, typeToken } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { clusterSecret, logRows, onInstance, startCluster, stopCluster, storedDoc } from '../integration/scale-support.ts'
import { gcAt, nestedMaps } from './support/craftedUpdates.ts'
import { closedWithin, openRaw, syncFrame, type RawSocket } from './support.ts'

/**
 * HOST1–HOST3 where storage and fan-out are shared: two instances on one PostgreSQL database and
 * one Redis. A client id's owner is claimed in PostgreSQL, so an attacker on another instance than
 * its victim is refused the same way; and an honest client carrying another member's edits from
 * one instance to another is not refused for it.
 */
const describeCluster = redisUrl ? describePostgres : describeRedis

const errorCodes = (socket: RawSocket): string[] =>
  socket.received.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame)
    return decoding.readVarUint(decoder) === MESSAGE.serverError ? [readServerError(decoder).code] : []
  })

describeCluster('a hostile member on another instance than its victim', () => {
  const databaseUrl = usePostgresDatabase()
  let servers: TestServer[] = []
  let alliance: Awaited<ReturnType<typeof createAlliance>>
  const open: DocClient[] = []

  beforeAll(async () => {
    servers = await startCluster(2, { DATABASE_URL: databaseUrl(), REDIS_URL: redisUrl!, AUTH_SECRET: clusterSecret() })
    alliance = await createAlliance(servers[0]!.url, ['editor', 'observer'])
  })
  afterAll(async () => {
    for (const c of open) c.destroy()
    await stopCluster(servers)
  })

  const raw = async (who: TestMember, instance: number, docName: string): Promise<RawSocket> => {
    const ticket = await fetchTicket(onInstance(who.client, servers[instance]!.url), alliance.workspaceId)
    return openRaw(
      `${servers[instance]!.url.replace(/^http/, 'ws')}/ws/${alliance.workspaceId}/${docName}?ticket=${ticket}`,
      new URL(servers[instance]!.url).origin,
    )
  }

  it('[HOST1] on PostgreSQL + Redis: a GC struct at the victim’s next clock, sent to the other instance, is refused; nothing is stored; the victim’s next edits reach everyone', async () => {
    const victim = await connectDoc(onInstance(alliance.members[0]!.client, servers[0]!.url), alliance.workspaceId, 'vision')
    const watcher = await connectDoc(onInstance(alliance.admin.client, servers[1]!.url), alliance.workspaceId, 'vision')
    open.push(victim, watcher)
    await Promise.all([victim.synced(), watcher.synced()])
    typeToken(victim.doc, 'tok-victime-0')
    await waitFor(() => tokensIn(watcher.doc).has('tok-victime-0'), { message: 'relayed to the other instance' })

    const rows = await logRows(databaseUrl(), alliance.workspaceId, 'vision')
    const socket = await raw(alliance.members[1]!, 1, 'vision')
    socket.ws.send(syncFrame(2, gcAt(victim.doc.clientID, Y.getState(victim.doc.store, victim.doc.clientID), 10_000)))
    expect((await closedWithin(socket, 5000)).code).toBe(CLOSE.internalError)
    expect(errorCodes(socket)).toEqual(['client_id_taken'])
    expect(await logRows(databaseUrl(), alliance.workspaceId, 'vision')).toBe(rows)

    typeToken(victim.doc, 'tok-victime-1')
    await waitFor(() => tokensIn(watcher.doc).has('tok-victime-1'), { message: 'the next edit relayed' })
    await waitFor(async () => tokensIn(await storedDoc(databaseUrl(), alliance.workspaceId, 'vision')).has('tok-victime-1'), { message: 'and stored' })
  })

  it('[HOST2] [HOST3] on PostgreSQL + Redis: 10,000 nested maps are refused before they apply and the plan still loads on the other instance', async () => {
    const rows = await logRows(databaseUrl(), alliance.workspaceId, 'plan')
    const socket = await raw(alliance.members[1]!, 0, 'plan')
    socket.ws.send(syncFrame(2, nestedMaps('actions', 10_000)))
    expect((await closedWithin(socket, 5000)).code).toBe(CLOSE.malformedMessage)
    expect(errorCodes(socket)).toEqual(['update_out_of_bounds'])
    expect(await logRows(databaseUrl(), alliance.workspaceId, 'plan')).toBe(rows)
    const reader = await connectDoc(onInstance(alliance.admin.client, servers[1]!.url), alliance.workspaceId, 'plan')
    open.push(reader)
    await reader.synced()
    expect(reader.errors).toEqual([])
  })
})

describe('a member carrying others’ edits from one instance to another', () => {
  it('[HOST1] edits an instance stored but never fanned out (it died first), carried by a third member to another instance, are taken from the store, not refused', async () => {
    // Two instances on one store whose fan-out never meets (each hub holds another, silent member):
    // instance B never hears of A's edits, yet each knows it shares its store.
    const store = new MemoryDocStore()
    const instances = [new InProcessHub(), new InProcessHub()].map((hub) => {
      new InProcessFanOut(hub)
      return new RoomRegistry({ store, roomIdleMs: 60_000, replicator: new Replicator(new InProcessFanOut(hub)) })
    })
    const [onA, onB] = instances.map((rooms) => new MemoryNetwork(rooms)) as [MemoryNetwork, MemoryNetwork]
    const editor = (userId: string) => identity({ userId, role: 'editor', docName: 'agreement' })
    const author = onA.connect(editor('author'))
    const carrier = onA.connect(editor('carrier'))
    const watcher = onB.connect(editor('watcher'))
    await Promise.all([onA.settle(), onB.settle()])
    typeToken(author.doc, 'tok-auteur-0')
    await onA.settle()
    expect(tokensIn(carrier.doc).has('tok-auteur-0')).toBe(true)
    expect(tokensIn(watcher.doc).has('tok-auteur-0')).toBe(false)

    // The carrier moves to instance B: its sync step 2 holds the author's edit, under the author's id.
    carrier.destroy()
    await onA.settle()
    const moved = onB.connect(editor('carrier'), carrier.doc)
    await onB.settle()
    expect(moved.errors).toEqual([])
    expect(moved.closed).toBeNull()
    expect(tokensIn(watcher.doc).has('tok-auteur-0')).toBe(true)
    await Promise.all(instances.map((rooms) => rooms.closeAll()))
  })
})
