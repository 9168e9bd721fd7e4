import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { WorkspaceEventBus } from '../src/domain/comments/events.ts'
import { eventRoutes } from '../src/http/events.ts'
import { MemberLimits } from '../src/http/memberLimits.ts'
import type { AppDeps, AppEnv } from '../src/http/context.ts'
import { createLogger } from '../src/logger.ts'

/** Polls until `predicate` holds, failing after 10 s. */
async function waitFor(predicate: () => boolean, { message }: { message: string }): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${message}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/**
 * The event stream alone, on Hono's `app.request()` with a short heartbeat: heartbeats arrive as SSE
 * comments, and a client going away unsubscribes its listener from the bus.
 */
describe('the workspace event stream, in process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ensemble-sse-'))
  let database: DatabaseHandle
  beforeAll(async () => {
    database = openDatabase({ dataDir, databaseUrl: null })
    await migrateToLatest(database.db, database.dialect)
    const now = new Date().toISOString()
    await database.db.insertInto('workspace').values({ id: 'ws1', name: 'Alliance', created_by: 'u1', created_at: now }).execute()
    await database.db.insertInto('member').values({ workspace_id: 'ws1', user_id: 'u1', role: 'observer', partner_id: null, created_at: now }).execute()
  })
  afterAll(async () => {
    await database?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('[COMM6] heartbeats are SSE comments; a disconnect unsubscribes from the bus', async () => {
    const bus = new WorkspaceEventBus()
    const deps = { db: database.db, logger: createLogger('silent'), memberLimits: new MemberLimits() } as unknown as AppDeps
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('user', { id: 'u1', name: 'U', email: 'u@example.org', locale: 'fr' })
        await next()
      })
      .route('/api/workspaces/:workspaceId/events', eventRoutes(deps, bus, 30))
    const controller = new AbortController()
    const res = await app.request(new Request('http://local/api/workspaces/ws1/events', { signal: controller.signal }))
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const reading = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          text += decoder.decode(value, { stream: true })
        }
      } catch {
        // cancelled
      }
    })()
    await waitFor(() => text.includes('event: ready'), { message: 'the ready event' })
    expect(bus.listenerCount('ws1')).toBe(1)
    await waitFor(() => (text.match(/^: heartbeat$/gm) ?? []).length >= 2, { message: 'two heartbeats' })
    bus.publish({ workspaceId: 'ws1', type: 'inbox.changed', userId: 'someone-else', data: { unread: 3 } })
    bus.publish({ workspaceId: 'ws1', type: 'inbox.changed', userId: 'u1', data: { unread: 1 } })
    await waitFor(() => text.includes('data: {"unread":1}'), { message: 'the own inbox event' })
    expect(text).not.toContain('"unread":3')

    controller.abort()
    await reader.cancel().catch(() => undefined)
    await reading
    await waitFor(() => bus.listenerCount('ws1') === 0, { message: 'the listener to be removed' })
  })

  it('[COMM6] a non-member gets 404 before any stream opens', async () => {
    const bus = new WorkspaceEventBus()
    const deps = { db: database.db, logger: createLogger('silent'), memberLimits: new MemberLimits() } as unknown as AppDeps
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('user', { id: 'u2', name: 'V', email: 'v@example.org', locale: 'fr' })
        await next()
      })
      .route('/api/workspaces/:workspaceId/events', eventRoutes(deps, bus, 30))
      .onError((err, c) => c.json({ status: (err as { status?: number }).status }, ((err as { status?: number }).status ?? 500) as 404))
    const res = await app.request('http://local/api/workspaces/ws1/events')
    expect(res.status).toBe(404)
    expect(bus.listenerCount('ws1')).toBe(0)
  })
})
