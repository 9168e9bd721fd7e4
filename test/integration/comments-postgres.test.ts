import { mentionToken } from '@ensemble/shared'
import { afterAll, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { addDocTargets } from '../helpers/docTargets.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { api, createThread, expectError, getThread, inbox, listThreads, openEvents, reply, unread } from './comments-flow.ts'

describePostgres('comments on PostgreSQL (DATABASE_URL)', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-comm8-')
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('[COMM8] the whole comments flow — threads, filters, mentions, inbox, edit, delete, hide with audit, resolve, orphan, live events — on PostgreSQL', async () => {
    server = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
    const { workspaceId, partnerId, admin, members } = await createAlliance(server.url, ['commenter', 'editor', 'observer'])
    const [commenter, editor, observer] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    await addDocTargets(admin.client, workspaceId, { actions: ['act-1'] })
    const live = await openEvents(observer.client, workspaceId)
    try {
      const anchor = { from: 'AQ==', to: 'Ag==', quote: 'Article 7' }
      const doc = await createThread(commenter.client, workspaceId, {
        targetKind: 'document',
        docName: 'agreement',
        anchor,
        body: `Relire ${mentionToken('user', editor.userId, 'Éditrice')}`,
      })
      const field = await createThread(editor.client, workspaceId, {
        targetKind: 'action_field',
        targetId: 'act-1',
        field: 'progress',
        body: `${mentionToken('partner', partnerId, 'Partenaire')} ?`,
      })
      expect(field.messages[0]!.mentions.sort()).toEqual([commenter.userId, editor.userId, observer.userId].sort())
      await live.next((e) => e.event === 'comment.thread.created' && e.data.thread.id === field.thread.id, 'the second thread')

      const answer = await reply(editor.client, workspaceId, doc.thread.id, 'Relu.')
      await live.next((e) => e.event === 'comment.message.created' && e.data.message.id === answer.id, 'the reply')
      expect((await listThreads(observer.client, workspaceId, { docName: 'plan' })).map((t) => t.id)).toEqual([field.thread.id])
      expect((await listThreads(observer.client, workspaceId, { targetKind: 'document' })).map((t) => [t.id, t.messageCount])).toEqual([[doc.thread.id, 2]])

      // Inbox: editor mentioned once; commenter got a mention (partner) and a reply; observer a mention.
      expect([await unread(editor.client, workspaceId), await unread(commenter.client, workspaceId), await unread(observer.client, workspaceId)]).toEqual([
        1, 2, 1,
      ])
      expect((await inbox(commenter.client, workspaceId)).map((i) => i.kind).sort()).toEqual(['mention', 'reply'])
      await expectError(
        await commenter.client.request('POST', api(workspaceId).threads, {
          targetKind: 'document',
          docName: 'charter',
          body: mentionToken('user', 'NotAMember01', 'X'),
        }),
        422,
        'validation_failed',
        'body',
        'mention_unknown',
      )

      // Edit, delete, hide (audited), permissions.
      await expectError(
        await commenter.client.request('PATCH', api(workspaceId).message(answer.id), { body: 'non' }),
        403,
        'forbidden',
        undefined,
        'not_author',
      )
      expect(await editor.client.json('PATCH', api(workspaceId).message(answer.id), { body: 'Relu, OK.' }, 200)).toMatchObject({
        body: 'Relu, OK.',
        editedAt: expect.any(String),
      })
      expect(await editor.client.json('DELETE', api(workspaceId).message(answer.id), undefined, 200)).toMatchObject({ body: null, deleted: true })
      const first = doc.messages[0]!
      expect(await admin.client.json('POST', `${api(workspaceId).message(first.id)}/hide`, {}, 200)).toMatchObject({ hidden: true, body: null })
      expect((await getThread(observer.client, workspaceId, doc.thread.id)).messages.map((m) => [m.body, m.deleted, m.hidden])).toEqual([
        [null, false, true],
        [null, true, false],
      ])
      expect(await admin.client.json('GET', api(workspaceId).audit, undefined, 200)).toEqual([
        expect.objectContaining({ messageId: first.id, detail: expect.objectContaining({ body: first.body }) }),
      ])

      // Resolve, orphan, read all.
      expect(await commenter.client.json('POST', `${api(workspaceId).thread(doc.thread.id)}/resolve`, undefined, 200)).toMatchObject({ status: 'resolved' })
      expect(await commenter.client.json('POST', `${api(workspaceId).thread(doc.thread.id)}/orphan`, { quote: 'x' }, 200)).toMatchObject({
        orphaned: true,
        quote: 'Article 7',
      })
      expect((await listThreads(observer.client, workspaceId, { status: 'resolved' })).map((t) => t.id)).toEqual([doc.thread.id])
      expect(await commenter.client.json('POST', `${api(workspaceId).inbox}/read-all`, undefined, 200)).toEqual({ updated: expect.any(Number) })
      expect(await unread(commenter.client, workspaceId)).toBe(0)
    } finally {
      live.close()
    }
  })
})
