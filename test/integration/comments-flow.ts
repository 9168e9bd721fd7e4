import { commentMessageSchema, commentThreadSchema, inboxItemSchema, type CommentMessage, type CommentThread, type InboxItem } from '@ensemble/shared'
import { expect } from 'vitest'
import type { HttpClient } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** REST helpers of the comments tests, shared by the SQLite and PostgreSQL suites. */
export const api = (workspaceId: string) => ({
  threads: `/api/workspaces/${workspaceId}/comments/threads`,
  thread: (id: string) => `/api/workspaces/${workspaceId}/comments/threads/${id}`,
  message: (id: string) => `/api/workspaces/${workspaceId}/comments/messages/${id}`,
  audit: `/api/workspaces/${workspaceId}/comments/audit`,
  inbox: `/api/workspaces/${workspaceId}/inbox`,
  events: `/api/workspaces/${workspaceId}/events`,
})

export async function expectError(res: Response, status: number, code: string, field?: string, reason?: string): Promise<void> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  const body = JSON.parse(text)
  // A test that names no reason checks the rest; one that does, the reason too.
  if (!reason) delete body.error?.reason
  expect(body).toEqual({ error: { code, message: expect.any(String), ...(field ? { field } : {}), ...(reason ? { reason } : {}) } })
}

export async function createThread(
  client: HttpClient,
  workspaceId: string,
  input: Record<string, unknown>,
): Promise<{ thread: CommentThread; messages: CommentMessage[] }> {
  const created = await client.json<{ thread: CommentThread; messages: CommentMessage[] }>('POST', api(workspaceId).threads, input, 201)
  commentThreadSchema.parse(created.thread)
  for (const m of created.messages) commentMessageSchema.parse(m)
  return created
}

export async function reply(client: HttpClient, workspaceId: string, threadId: string, body: string): Promise<CommentMessage> {
  return commentMessageSchema.parse(await client.json('POST', `${api(workspaceId).thread(threadId)}/messages`, { body }, 201))
}

export async function listThreads(client: HttpClient, workspaceId: string, query: Record<string, string> = {}): Promise<CommentThread[]> {
  const qs = new URLSearchParams(query).toString()
  const threads = await client.json<CommentThread[]>('GET', `${api(workspaceId).threads}${qs ? `?${qs}` : ''}`, undefined, 200)
  return threads.map((t) => commentThreadSchema.parse(t))
}

export async function getThread(client: HttpClient, workspaceId: string, threadId: string): Promise<{ thread: CommentThread; messages: CommentMessage[] }> {
  return client.json('GET', api(workspaceId).thread(threadId), undefined, 200)
}

export async function unread(client: HttpClient, workspaceId: string): Promise<number> {
  return (await client.json<{ unread: number }>('GET', `${api(workspaceId).inbox}/unread-count`, undefined, 200)).unread
}

export async function inbox(client: HttpClient, workspaceId: string, unreadOnly = false): Promise<InboxItem[]> {
  const items = await client.json<InboxItem[]>('GET', `${api(workspaceId).inbox}${unreadOnly ? '?unread=1' : ''}`, undefined, 200)
  return items.map((i) => inboxItemSchema.parse(i))
}

export interface SseEvent {
  event: string
  data: any
  id?: string
}

/**
 * Opens the workspace's event stream with the client's session cookie and reads it with fetch and a
 * reader, collecting parsed events (and heartbeat comments) as they arrive.
 */
export async function openEvents(client: HttpClient, workspaceId: string) {
  const controller = new AbortController()
  const res = await fetch(new URL(api(workspaceId).events, client.baseUrl), {
    headers: { cookie: client.cookieHeader, accept: 'text/event-stream' },
    signal: controller.signal,
  })
  const events: SseEvent[] = []
  let ended = false
  if (res.ok && res.body) {
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          let cut: number
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut)
            buffer = buffer.slice(cut + 2)
            const fields: Record<string, string> = {}
            const data: string[] = []
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) continue
              const colon = line.indexOf(':')
              const key = colon < 0 ? line : line.slice(0, colon)
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
              if (key === 'data') data.push(value)
              else fields[key] = value
            }
            if (!data.length && !fields.event) continue
            events.push({ event: fields.event ?? 'message', data: data.length ? JSON.parse(data.join('\n')) : null, id: fields.id })
          }
        }
      } catch {
        // aborted by close()
      } finally {
        ended = true
      }
    })()
  }
  const stream = {
    status: res.status,
    response: res,
    events,
    get ended() {
      return ended
    },
    /** Resolves with the first event (from `from` on) matching, failing after a timeout. */
    next: (predicate: (e: SseEvent) => boolean, message = 'an event', from = 0) =>
      waitFor(() => events.slice(from).find(predicate), { timeoutMs: 10_000, message }),
    close: () => controller.abort(),
  }
  if (res.ok) await stream.next((e) => e.event === 'ready', 'the ready event')
  return stream
}
