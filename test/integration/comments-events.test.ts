import { mentionToken } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { api, createThread, openEvents, reply } from './comments-flow.ts'

describe('live comment events (Server-Sent Events)', () => {
  const server = serverPerSuite()

  it('[COMM6] a member listening on /events receives new threads, messages and status changes without polling; inbox.changed reaches only its owner', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['commenter', 'observer', 'editor'])
    const [commenter, observer, editor] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    const watching = await openEvents(observer.client, workspaceId)
    const mentioned = await openEvents(editor.client, workspaceId)
    try {
      expect(watching.status).toBe(200)
      expect(watching.response.headers.get('content-type')).toMatch(/^text\/event-stream/)

      const { thread } = await createThread(commenter.client, workspaceId, { targetKind: 'document', docName: 'charter', body: 'Nouveau fil' })
      const created = await watching.next((e) => e.event === 'comment.thread.created', 'comment.thread.created')
      expect(created.data).toMatchObject({ thread: { id: thread.id }, messages: [{ body: 'Nouveau fil' }] })

      const message = await reply(commenter.client, workspaceId, thread.id, `Avis de ${mentionToken('user', editor.userId, 'Éditrice')} ?`)
      const pushed = await watching.next((e) => e.event === 'comment.message.created', 'comment.message.created')
      expect(pushed.data).toEqual({ threadId: thread.id, message: expect.objectContaining({ id: message.id, body: message.body, mentions: [editor.userId] }) })
      expect(pushed.id).toMatch(/^\d+$/)
      // The mentioned member hears their inbox changed.
      const inboxChanged = await mentioned.next((e) => e.event === 'inbox.changed', 'inbox.changed for the mentioned member')
      expect(inboxChanged.data).toEqual({ unread: 1 })

      await commenter.client.json('PATCH', api(workspaceId).message(message.id), { body: 'Avis ?' }, 200)
      await watching.next((e) => e.event === 'comment.message.updated' && e.data.message.body === 'Avis ?', 'comment.message.updated')
      await commenter.client.json('POST', `${api(workspaceId).thread(thread.id)}/resolve`, undefined, 200)
      const resolved = await watching.next((e) => e.event === 'comment.thread.resolved', 'comment.thread.resolved')
      expect(resolved.data.thread).toMatchObject({ id: thread.id, status: 'resolved' })
      // Events arrive in order, and nothing meant for the editor reached the observer before it.
      const names = watching.events.map((e) => e.event)
      expect(names).toEqual(['ready', 'comment.thread.created', 'comment.message.created', 'comment.message.updated', 'comment.thread.resolved'])
      await commenter.client.json('DELETE', api(workspaceId).message(message.id), undefined, 200)
      await watching.next((e) => e.event === 'comment.message.deleted' && e.data.message.deleted === true, 'comment.message.deleted')
      // Deleting the message withdrew the editor's unread mention.
      await mentioned.next((e) => e.event === 'inbox.changed' && e.data.unread === 0, 'inbox.changed back to 0')
    } finally {
      watching.close()
      mentioned.close()
    }
  })

  it('[COMM6] events of another alliance never arrive; outsiders get 404 and signed-out callers 401; a removed member’s stream ends', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['commenter', 'observer'])
    const [commenter, observer] = members as [(typeof members)[0], (typeof members)[0]]
    const other = await createAlliance(server.url)
    const outsider = await signUp(server.url, 'Intrus')
    expect((await openEvents(outsider.client, workspaceId)).status).toBe(404)
    expect((await openEvents(new HttpClient(server.url), workspaceId)).status).toBe(401)

    const stream = await openEvents(observer.client, workspaceId)
    try {
      await createThread(other.admin.client, other.workspaceId, { targetKind: 'document', docName: 'charter', body: 'ailleurs' })
      const here = await createThread(commenter.client, workspaceId, { targetKind: 'document', docName: 'charter', body: 'ici' })
      const first = await stream.next((e) => e.event === 'comment.thread.created', 'a thread of this alliance')
      expect(first.data.thread.id).toBe(here.thread.id)
      expect(stream.events.filter((e) => e.event === 'comment.thread.created')).toHaveLength(1)

      // Removed from the alliance: the next event is not delivered and the stream closes.
      await admin.client.request('DELETE', `/api/workspaces/${workspaceId}/members/${observer.userId}`)
      await reply(commenter.client, workspaceId, here.thread.id, 'après le départ')
      await stream.next(() => stream.ended, 'the stream to end')
      expect(stream.events.some((e) => e.event === 'comment.message.created')).toBe(false)
    } finally {
      stream.close()
    }
  })
})
