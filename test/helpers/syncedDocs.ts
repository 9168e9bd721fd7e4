import { afterEach } from 'vitest'
import { connectDoc, type DocClient } from './collab.ts'

/**
 * For one test suite: connects real providers (resolving once each is synced) and destroys every
 * one of them after each test, so a failing test leaves no socket open for the next.
 */
export function syncedDocs(): (...args: Parameters<typeof connectDoc>) => Promise<DocClient> {
  const open: DocClient[] = []
  afterEach(() => {
    for (const client of open.splice(0)) client.destroy()
  })
  return async (...args) => {
    const client = await connectDoc(...args)
    open.push(client)
    await client.synced()
    return client
  }
}
