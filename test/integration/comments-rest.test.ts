import { COMMENT_LIMITS, mentionToken, renderMarkdownLight } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { addDocTargets } from '../helpers/docTargets.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { api, createThread, expectError, getThread, inbox, listThreads, reply, unread } from './comments-flow.ts'

const ANCHOR = { from: 'AQLJ4Z8DAg==', to: 'AQLJ4Z8DCQ==', quote: 'Article 3 — durée de la convention' }

describe('comments, mentions and inbox over REST', () => {
  const server = serverPerSuite()

  it('[COMM1] threads open on a document range, an action, an action field and a body; replies; lists filter by document, kind, target and status', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['commenter', 'observer'])
    const [commenter, observer] = members as [(typeof members)[0], (typeof members)[0]]
    // What threads name exists in the alliance's plan and governance documents (REF1).
    await addDocTargets(admin.client, workspaceId, { actions: ['act-42'], bodies: ['copil'] })
    const onText = await createThread(commenter.client, workspaceId, {
      targetKind: 'document',
      docName: 'agreement',
      anchor: ANCHOR,
      body: 'Pourquoi **trois** ans ?',
    })
    expect(onText.thread).toMatchObject({
      targetKind: 'document',
      docName: 'agreement',
      targetId: null,
      field: null,
      anchor: ANCHOR,
      quote: ANCHOR.quote,
      status: 'open',
      orphaned: false,
      createdBy: commenter.userId,
      messageCount: 1,
    })
    expect(onText.messages).toEqual([
      expect.objectContaining({ authorId: commenter.userId, body: 'Pourquoi **trois** ans ?', deleted: false, hidden: false, editedAt: null }),
    ])
    const onAction = await createThread(commenter.client, workspaceId, { targetKind: 'action', targetId: 'act-42', body: 'Qui porte cette action ?' })
    expect(onAction.thread).toMatchObject({ docName: 'plan', targetId: 'act-42', field: null })
    const onField = await createThread(commenter.client, workspaceId, {
      targetKind: 'action_field',
      targetId: 'act-42',
      field: 'deadline',
      body: 'Échéance trop courte.',
    })
    expect(onField.thread).toMatchObject({ docName: 'plan', targetId: 'act-42', field: 'deadline' })
    const onBody = await createThread(commenter.client, workspaceId, { targetKind: 'body', targetId: 'copil', body: 'Quorum ?' })
    expect(onBody.thread).toMatchObject({ docName: 'governance', targetId: 'copil' })

    const answer = await reply(commenter.client, workspaceId, onAction.thread.id, 'Réponse')
    expect(answer).toMatchObject({ threadId: onAction.thread.id, authorId: commenter.userId, body: 'Réponse' })
    const full = await getThread(observer.client, workspaceId, onAction.thread.id)
    expect(full.messages.map((m) => m.body)).toEqual(['Qui porte cette action ?', 'Réponse'])
    expect(full.thread.messageCount).toBe(2)

    const ids = (threads: { id: string }[]) => threads.map((t) => t.id).sort()
    expect(ids(await listThreads(observer.client, workspaceId))).toEqual(ids([onText.thread, onAction.thread, onField.thread, onBody.thread]))
    expect(ids(await listThreads(observer.client, workspaceId, { docName: 'plan' }))).toEqual(ids([onAction.thread, onField.thread]))
    expect(ids(await listThreads(observer.client, workspaceId, { targetKind: 'action_field' }))).toEqual([onField.thread.id])
    expect(ids(await listThreads(observer.client, workspaceId, { targetId: 'act-42' }))).toEqual(ids([onAction.thread, onField.thread]))
    expect(ids(await listThreads(observer.client, workspaceId, { docName: 'agreement' }))).toEqual([onText.thread.id])

    const resolved = await commenter.client.json('POST', `${api(workspaceId).thread(onField.thread.id)}/resolve`, undefined, 200)
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: commenter.userId, resolvedAt: expect.any(String) })
    await expectError(
      await commenter.client.request('POST', `${api(workspaceId).thread(onField.thread.id)}/resolve`),
      409,
      'conflict',
      'status',
      'thread_already_in_state',
    )
    expect(ids(await listThreads(observer.client, workspaceId, { status: 'resolved' }))).toEqual([onField.thread.id])
    expect(await listThreads(observer.client, workspaceId, { status: 'open', targetKind: 'action_field' })).toEqual([])
    expect(await commenter.client.json('POST', `${api(workspaceId).thread(onField.thread.id)}/reopen`, undefined, 200)).toMatchObject({
      status: 'open',
      resolvedBy: null,
    })

    // Targets are checked: unknown documents, missing ids, bad fields and filters are 422 naming the field.
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'document', docName: 'secrets', body: 'x' }),
      422,
      'validation_failed',
      'docName',
    )
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'action', body: 'x' }),
      422,
      'validation_failed',
      'targetId',
    )
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'action', targetId: 'act-43', body: 'x' }),
      422,
      'validation_failed',
      'targetId',
    )
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'action_field', targetId: 'a', field: '__proto__', body: 'x' }),
      422,
      'validation_failed',
      'field',
    )
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'body', targetId: 'b', body: '   ' }),
      422,
      'validation_failed',
      'body',
    )
    await expectError(await commenter.client.request('GET', `${api(workspaceId).threads}?status=closed`), 422, 'validation_failed', 'status')
    await expectError(await commenter.client.request('GET', api(workspaceId).thread('NoSuchThread')), 404, 'not_found')
    await expectError(await commenter.client.request('POST', `${api(workspaceId).thread('NoSuchThread')}/messages`, { body: 'x' }), 404, 'not_found')
    expect(await listThreads(observer.client, workspaceId)).toHaveLength(4)

    // The OpenAPI document describes the routes with the same schemas.
    const openApi = await observer.client.json<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', undefined, 200)
    expect(Object.keys(openApi.paths['/api/workspaces/{workspaceId}/comments/threads']!).sort()).toEqual(['get', 'post'])
    expect(openApi.paths['/api/workspaces/{workspaceId}/inbox/read-all']).toBeDefined()
  })

  it('[COMM2] observers read but cannot post; commenters post; nobody edits or deletes another’s message; admins hide, audited; outsiders get 404', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['commenter', 'observer', 'editor'])
    const [commenter, observer, editor] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    const { thread, messages } = await createThread(commenter.client, workspaceId, {
      targetKind: 'document',
      docName: 'charter',
      anchor: ANCHOR,
      body: 'Premier message',
    })
    const first = messages[0]!

    // Observers read, and cannot write in any way.
    expect((await getThread(observer.client, workspaceId, thread.id)).messages).toHaveLength(1)
    await expectError(
      await observer.client.request('POST', api(workspaceId).threads, { targetKind: 'document', docName: 'charter', body: 'x' }),
      403,
      'forbidden',
    )
    await expectError(await observer.client.request('POST', `${api(workspaceId).thread(thread.id)}/messages`, { body: 'x' }), 403, 'forbidden')
    await expectError(await observer.client.request('POST', `${api(workspaceId).thread(thread.id)}/resolve`), 403, 'forbidden')

    // Nobody — admin included — edits or deletes someone else's message.
    const editorMessage = await reply(editor.client, workspaceId, thread.id, 'Message de l’éditeur')
    for (const other of [editor, admin]) {
      await expectError(await other.client.request('PATCH', api(workspaceId).message(first.id), { body: 'réécrit' }), 403, 'forbidden', undefined, 'not_author')
      await expectError(await other.client.request('DELETE', api(workspaceId).message(first.id)), 403, 'forbidden', undefined, 'not_author')
    }
    // The author edits, then deletes, their own message: the row stays as a placeholder.
    const edited = await commenter.client.json('PATCH', api(workspaceId).message(first.id), { body: 'Premier message, corrigé' }, 200)
    expect(edited).toMatchObject({ body: 'Premier message, corrigé', editedAt: expect.any(String) })
    const deleted = await commenter.client.json('DELETE', api(workspaceId).message(first.id), undefined, 200)
    expect(deleted).toMatchObject({ id: first.id, body: null, deleted: true })
    await expectError(
      await commenter.client.request('PATCH', api(workspaceId).message(first.id), { body: 'encore' }),
      409,
      'conflict',
      undefined,
      'message_gone',
    )

    // Only admins hide; everyone then sees the message hidden; the audit keeps the body.
    await expectError(await editor.client.request('POST', `${api(workspaceId).message(editorMessage.id)}/hide`, {}), 403, 'forbidden')
    await expectError(await commenter.client.request('GET', api(workspaceId).audit), 403, 'forbidden')
    const hidden = await admin.client.json('POST', `${api(workspaceId).message(editorMessage.id)}/hide`, { reason: 'hors sujet' }, 200)
    expect(hidden).toMatchObject({ id: editorMessage.id, hidden: true, hiddenBy: admin.userId, body: null })
    for (const viewer of [observer, editor, commenter, admin]) {
      const seen = (await getThread(viewer.client, workspaceId, thread.id)).messages
      expect(seen.map((m) => [m.id, m.body, m.deleted, m.hidden])).toEqual([
        [first.id, null, true, false],
        [editorMessage.id, null, false, true],
      ])
    }
    await expectError(await admin.client.request('POST', `${api(workspaceId).message(editorMessage.id)}/hide`, {}), 409, 'conflict', undefined, 'message_gone')
    const audit = await admin.client.json<any[]>('GET', api(workspaceId).audit, undefined, 200)
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        action: 'message.hidden',
        messageId: editorMessage.id,
        detail: expect.objectContaining({ body: 'Message de l’éditeur', authorId: editor.userId, reason: 'hors sujet' }),
      }),
    ])

    // Outsiders and signed-out callers learn nothing.
    const outsider = await signUp(server.url, 'Intrus')
    await expectError(await outsider.client.request('GET', api(workspaceId).threads), 404, 'not_found')
    await expectError(await outsider.client.request('GET', api(workspaceId).thread(thread.id)), 404, 'not_found')
    await expectError(
      await outsider.client.request('POST', api(workspaceId).threads, { targetKind: 'document', docName: 'charter', body: 'x' }),
      404,
      'not_found',
    )
    await expectError(await new HttpClient(server.url).request('GET', api(workspaceId).threads), 401, 'unauthenticated')
    // A thread of another alliance is 404 through this one.
    const other = await createAlliance(server.url)
    const foreign = await createThread(other.admin.client, other.workspaceId, { targetKind: 'document', docName: 'charter', body: 'ailleurs' })
    await expectError(await admin.client.request('GET', api(workspaceId).thread(foreign.thread.id)), 404, 'not_found')
    await expectError(await admin.client.request('POST', `${api(workspaceId).message(foreign.messages[0]!.id)}/hide`, {}), 404, 'not_found')
  })

  it('[COMM3] a mention of a non-member is 422 on body and creates nothing; @partner reaches that partner’s members', async () => {
    const { workspaceId, partnerId, admin, members } = await createAlliance(server.url, ['commenter', 'editor', 'observer'])
    const [commenter, editor, observer] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    const outsider = await signUp(server.url, 'Pas Membre')
    const before = await listThreads(admin.client, workspaceId)

    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, {
        targetKind: 'document',
        docName: 'charter',
        body: `Avis de ${mentionToken('user', outsider.userId, 'Pas Membre')} ?`,
      }),
      422,
      'validation_failed',
      'body',
    )
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, {
        targetKind: 'document',
        docName: 'charter',
        body: `${mentionToken('partner', 'NoSuchPartner', 'Fantôme')}`,
      }),
      422,
      'validation_failed',
      'body',
    )
    expect(await listThreads(admin.client, workspaceId)).toEqual(before)
    expect(await unread(admin.client, workspaceId)).toBe(0)

    // A partner of another alliance is not a partner here.
    const other = await createAlliance(server.url)
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, {
        targetKind: 'document',
        docName: 'charter',
        body: mentionToken('partner', other.partnerId, 'Ailleurs'),
      }),
      422,
      'validation_failed',
      'body',
    )

    // @partner: every member of the partner (not the author, not the admin who has no partner).
    const { thread, messages } = await createThread(commenter.client, workspaceId, {
      targetKind: 'document',
      docName: 'charter',
      body: `Merci ${mentionToken('partner', partnerId, 'Association Littoral')}`,
    })
    expect(messages[0]!.mentions.sort()).toEqual([commenter.userId, editor.userId, observer.userId].sort())
    for (const m of [editor, observer])
      expect(await inbox(m.client, workspaceId)).toEqual([expect.objectContaining({ kind: 'mention', threadId: thread.id, actorId: commenter.userId })])
    expect(await unread(commenter.client, workspaceId)).toBe(0)
    expect(await unread(admin.client, workspaceId)).toBe(0)

    // A failed reply creates no message either.
    await expectError(
      await editor.client.request('POST', `${api(workspaceId).thread(thread.id)}/messages`, { body: mentionToken('user', outsider.userId, 'X') }),
      422,
      'validation_failed',
      'body',
      'mention_unknown',
    )
    expect((await getThread(admin.client, workspaceId, thread.id)).messages).toHaveLength(1)
  })

  it('[COMM4] inbox: mentions and replies reach others, never the author; unread count; mark one and all read', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['commenter', 'editor', 'steering'])
    const [anna, bruno, chloe] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]]
    // Anna opens a thread mentioning Bruno (and herself: no item for her).
    const { thread } = await createThread(anna.client, workspaceId, {
      targetKind: 'document',
      docName: 'vision',
      body: `${mentionToken('user', bruno.userId, 'Bruno')} peux-tu relire ? ${mentionToken('user', anna.userId, 'Anna')}`,
    })
    expect([await unread(anna.client, workspaceId), await unread(bruno.client, workspaceId), await unread(chloe.client, workspaceId)]).toEqual([0, 1, 0])
    // Bruno replies: Anna (a participant) gets a reply; Bruno gets nothing for his own message.
    await reply(bruno.client, workspaceId, thread.id, 'Oui, je relis.')
    expect([await unread(anna.client, workspaceId), await unread(bruno.client, workspaceId)]).toEqual([1, 1])
    // Anna replies and mentions Bruno: one item for him, a mention (not also a reply); Chloé mentioned too.
    await reply(anna.client, workspaceId, thread.id, `Merci ${mentionToken('user', bruno.userId, 'Bruno')} et ${mentionToken('user', chloe.userId, 'Chloé')}`)
    expect([await unread(anna.client, workspaceId), await unread(bruno.client, workspaceId), await unread(chloe.client, workspaceId)]).toEqual([1, 2, 1])
    const brunoItems = await inbox(bruno.client, workspaceId)
    expect(brunoItems.map((i) => i.kind)).toEqual(['mention', 'mention'])
    expect(brunoItems[0]).toMatchObject({
      threadId: thread.id,
      actorId: anna.userId,
      targetKind: 'document',
      docName: 'vision',
      excerpt: 'Merci @Bruno et @Chloé',
      readAt: null,
    })
    expect((await inbox(anna.client, workspaceId)).map((i) => i.kind)).toEqual(['reply'])
    // Chloé, now a participant only by mention, is not a participant: Bruno's next reply reaches Anna only.
    await reply(bruno.client, workspaceId, thread.id, 'Fait.')
    expect([await unread(anna.client, workspaceId), await unread(chloe.client, workspaceId)]).toEqual([2, 1])

    // Mark one read, then all.
    await expectError(await anna.client.request('POST', `${api(workspaceId).inbox}/${brunoItems[0]!.id}/read`), 404, 'not_found')
    expect((await bruno.client.request('POST', `${api(workspaceId).inbox}/${brunoItems[0]!.id}/read`)).status).toBe(204)
    expect((await bruno.client.request('POST', `${api(workspaceId).inbox}/${brunoItems[0]!.id}/read`)).status).toBe(204)
    expect(await unread(bruno.client, workspaceId)).toBe(1)
    expect((await inbox(bruno.client, workspaceId, true)).map((i) => i.id)).toEqual([brunoItems[1]!.id])
    expect(await anna.client.json('POST', `${api(workspaceId).inbox}/read-all`, undefined, 200)).toEqual({ updated: 2 })
    expect(await unread(anna.client, workspaceId)).toBe(0)
    expect(await inbox(anna.client, workspaceId, true)).toEqual([])
    expect((await inbox(anna.client, workspaceId)).every((i) => i.readAt !== null)).toBe(true)
    // Editing a message to add a mention notifies only the newly mentioned.
    const last = (await getThread(anna.client, workspaceId, thread.id)).messages.at(-1)!
    await bruno.client.json('PATCH', api(workspaceId).message(last.id), { body: `Fait, ${mentionToken('user', chloe.userId, 'Chloé')}.` }, 200)
    expect([await unread(anna.client, workspaceId), await unread(chloe.client, workspaceId)]).toEqual([0, 2])
    // Deleting it withdraws the unread items it caused.
    await bruno.client.json('DELETE', api(workspaceId).message(last.id), undefined, 200)
    expect(await unread(chloe.client, workspaceId)).toBe(1)
  })

  it('[COMM5] hostile bodies are stored as typed and rendered inert by renderMarkdownLight', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['commenter'])
    const commenter = members[0]!
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[clic](javascript:alert(1))',
      'https://a.example/"onmouseover="alert(1)',
      '**<svg onload=alert(1)>** `</code><script>`',
    ]
    const { thread } = await createThread(commenter.client, workspaceId, { targetKind: 'document', docName: 'charter', body: 'début\u0000\u0007' })
    expect((await getThread(commenter.client, workspaceId, thread.id)).messages[0]!.body).toBe('début')
    for (const payload of payloads) {
      const stored = await reply(commenter.client, workspaceId, thread.id, payload)
      expect(stored.body).toBe(payload)
      const html = renderMarkdownLight(stored.body!)
      expect(html).not.toMatch(/<(?!\/?(?:strong|em|code|span|a|br)\b)/)
      expect(html).not.toMatch(/<[^>]*\son\w+=/i)
      expect(html).not.toMatch(/href="(?!https?:|mailto:)/)
    }
  })

  it('[COMM7] an orphaned thread keeps its quote and stays listed', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const { thread } = await createThread(editor.client, workspaceId, { targetKind: 'document', docName: 'agreement', anchor: ANCHOR, body: 'Clause à revoir' })
    const orphaned = await editor.client.json('POST', `${api(workspaceId).thread(thread.id)}/orphan`, { quote: 'autre chose' }, 200)
    expect(orphaned).toMatchObject({ id: thread.id, orphaned: true, quote: ANCHOR.quote, anchor: ANCHOR })
    // Idempotent.
    expect(await editor.client.json('POST', `${api(workspaceId).thread(thread.id)}/orphan`, {}, 200)).toMatchObject({ orphaned: true, quote: ANCHOR.quote })
    expect(await listThreads(editor.client, workspaceId, { docName: 'agreement' })).toEqual([
      expect.objectContaining({ id: thread.id, orphaned: true, quote: ANCHOR.quote }),
    ])
    // A thread opened without a quote keeps the one the client last saw.
    const bare = await createThread(editor.client, workspaceId, {
      targetKind: 'document',
      docName: 'agreement',
      anchor: { from: 'AQ==', to: 'Ag==' },
      body: 'ici',
    })
    expect(bare.thread.quote).toBeNull()
    expect(await editor.client.json('POST', `${api(workspaceId).thread(bare.thread.id)}/orphan`, { quote: 'le texte disparu' }, 200)).toMatchObject({
      orphaned: true,
      quote: 'le texte disparu',
    })
    // Replies still work on an orphaned thread.
    await reply(editor.client, workspaceId, thread.id, 'toujours là')
  })

  it('[LIM8] a message body has one bound, COMMENT_LIMITS.bodyLength: the OpenAPI document states it for every route taking one, and the server takes exactly that many characters, not one more', async () => {
    const { workspaceId, members } = await createAlliance(server.url, ['commenter'])
    const commenter = members[0]!
    const openApi = await commenter.client.json<{
      paths: Record<
        string,
        Record<string, { requestBody?: { content: { 'application/json': { schema: { properties: Record<string, { maxLength?: number }> } } } } }>
      >
    }>('GET', '/api/openapi.json', undefined, 200)
    const bodyOf = (path: string, method: string) => openApi.paths[path]![method]!.requestBody!.content['application/json'].schema.properties
    const bounds = [
      bodyOf('/api/workspaces/{workspaceId}/comments/threads', 'post').body!.maxLength,
      bodyOf('/api/workspaces/{workspaceId}/comments/threads/{threadId}/messages', 'post').body!.maxLength,
      bodyOf('/api/workspaces/{workspaceId}/comments/messages/{messageId}', 'patch').body!.maxLength,
      bodyOf('/api/workspaces/{workspaceId}/documents/{docName}/signoff/rounds/{roundId}/votes', 'post').comment!.maxLength,
    ]
    expect(bounds).toEqual([COMMENT_LIMITS.bodyLength, COMMENT_LIMITS.bodyLength, COMMENT_LIMITS.bodyLength, COMMENT_LIMITS.bodyLength])
    const longest = 'é'.repeat(COMMENT_LIMITS.bodyLength)
    const { thread } = await createThread(commenter.client, workspaceId, { targetKind: 'document', docName: 'charter', body: longest })
    expect((await getThread(commenter.client, workspaceId, thread.id)).messages[0]!.body).toBe(longest)
    await expectError(
      await commenter.client.request('POST', api(workspaceId).threads, { targetKind: 'document', docName: 'charter', body: `${longest}x` }),
      422,
      'validation_failed',
      'body',
    )
    await expectError(
      await commenter.client.request('POST', `${api(workspaceId).thread(thread.id)}/messages`, { body: `${longest}x` }),
      422,
      'validation_failed',
      'body',
    )
    expect((await getThread(commenter.client, workspaceId, thread.id)).messages).toHaveLength(1)
  })
})
