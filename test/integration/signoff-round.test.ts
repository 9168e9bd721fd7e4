import { contentOf, documentMetaOf, type SignoffRoundView } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '@ensemble/server/db'
import { canonicalJson, documentJson } from '@ensemble/server/domain'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError, getThread, inbox } from './comments-flow.ts'
import { appendBlocks, block, blockText, docApi, waitForRows } from './history-flow.ts'
import { auditVerify, propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

describe('sign-off of the consortium agreement, partner by partner', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[SIGN1] [SIGN2] [SIGN3] [SIGN4] [SIGN5] [COMM28] a round with an objection, adoption and lock, then an amendment re-approving only the changed clause; the audit chain verifies and a tampered row is found', async () => {
    const { workspaceId, admin, steering, editor, lina, hugo, associationId, cityId } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'agreement')
    const a = await connect(admin.client, workspaceId, 'agreement')
    documentMetaOf(a.doc).set('title', 'Convention de consortium')
    appendBlocks(a.doc, [
      block('heading', 'Article 1 — Objet'),
      block('paragraph', 'Les partenaires coopèrent pour les classes de mer.'),
      block('heading', 'Article 2 — Durée'),
      block('paragraph', 'La convention est conclue pour trois ans.'),
    ])
    await waitForRows(admin.client, workspaceId, 'agreement', 2)

    // SIGN1: steering proposes; the text is frozen as a hash and the document becomes `proposed`.
    await expectError(await editor.client.request('POST', api.proposals, { name: 'Projet' }), 403, 'forbidden')
    const { round, diff } = await propose(steering, workspaceId, 'agreement', { name: 'Projet v1 — envoyé aux partenaires' })
    expect(diff).toBeNull()
    expect(round).toMatchObject({
      kind: 'adoption',
      status: 'open',
      baseHash: null,
      clauses: ['Article 1 — Objet', 'Article 2 — Durée'],
      versionName: 'Projet v1 — envoyé aux partenaires',
    })
    expect(round.contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(round.votes.map((v) => [v.partnerId, v.userId, v.vote])).toEqual([
      [associationId, lina.userId, null],
      [cityId, hugo.userId, null],
    ])
    await waitFor(() => documentMetaOf(a.doc).get('status') === 'proposed', { message: 'proposed reached the client' })
    await expectError(await steering.client.request('POST', api.proposals, { name: 'Encore' }), 409, 'conflict', undefined, 'proposal_open')

    // SIGN2: only a partner's representative answers; an objection needs a comment and opens a thread on the clause.
    await expectError(await editor.client.request('POST', api.votes(round.id), { vote: 'approve' }), 403, 'forbidden')
    await expectError(await hugo.client.request('POST', api.votes(round.id), { vote: 'object' }), 422, 'validation_failed', 'comment')
    await expectError(await hugo.client.request('POST', api.votes(round.id), { vote: 'approve', clause: 'Article 9' }), 422, 'validation_failed', 'clause')
    // Each representative finds the proposal in their inbox, unread until they answer.
    const requests = async (who: typeof lina, unreadOnly: boolean) =>
      (await inbox(who.client, workspaceId, unreadOnly)).filter((i) => i.kind === 'signoff.requested')
    for (const representative of [lina, hugo]) {
      expect((await requests(representative, true)).map((i) => [i.docName, i.targetKind, i.targetId, i.actorId])).toEqual([
        ['agreement', 'document', round.id, steering.userId],
      ])
    }
    expect(await requests(steering, false)).toEqual([])
    await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
    expect(await requests(lina, true)).toEqual([])
    expect(await requests(hugo, true)).toHaveLength(1)
    const objected = await vote(hugo, workspaceId, 'agreement', round.id, {
      vote: 'object',
      clause: 'Article 2 — Durée',
      comment: 'Trois ans, c’est trop court pour la Ville.',
    })
    expect(objected.status).toBe('open')
    const objection = objected.votes.find((v) => v.partnerId === cityId)!
    expect(objection).toMatchObject({ vote: 'object', clause: 'Article 2 — Durée', comment: 'Trois ans, c’est trop court pour la Ville.' })
    const thread = await getThread(admin.client, workspaceId, objection.threadId!)
    expect(thread.thread).toMatchObject({ targetKind: 'document', docName: 'agreement', quote: 'Article 2 — Durée', createdBy: hugo.userId })
    expect(documentMetaOf(a.doc).get('status')).toBe('proposed')

    // SIGN3: adopted once every partner approved; locked: an edit is refused and compensated, a restore too.
    const adopted = await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve' })
    expect(adopted).toMatchObject({ status: 'adopted', closedAt: expect.any(String) })
    await waitFor(() => documentMetaOf(a.doc).get('status') === 'adopted', { message: 'adopted reached the client' })
    expect(documentMetaOf(a.doc).get('adoptedVersionId')).toBe(round.versionId)
    const adoptedJson = canonicalJson(documentJson(a.doc, 'agreement'))
    blockText(a.doc, 3).insert(0, 'SANS ACCORD ')
    await waitFor(() => a.errors.some((e) => e.code === 'document_locked'), { message: 'document_locked' })
    await waitFor(() => canonicalJson(documentJson(a.doc, 'agreement')) === adoptedJson, { message: 'the refused edit compensated' })
    await expectError(await admin.client.request('POST', api.restore(round.versionId)), 409, 'document_locked')
    await expectError(await admin.client.request('POST', api.proposals, { name: 'x' }), 409, 'document_locked')

    // SIGN4: unlocking starts an amendment; only the changed clause needs re-approval; the adopted hash stays on record.
    await expectError(await editor.client.request('POST', api.unlock), 403, 'forbidden')
    await steering.client.json('POST', api.unlock, undefined, 200)
    await waitFor(() => documentMetaOf(a.doc).get('status') === 'draft', { message: 'unlocked reached the client' })
    const stored = (await admin.client.json<{ edits: number }[]>('GET', api.history, undefined, 200)).reduce((n, s) => n + s.edits, 0)
    const duration = blockText(a.doc, 3)
    a.doc.transact(() => {
      const at = duration.toString().indexOf('trois')
      duration.delete(at, 'trois'.length)
      duration.insert(at, 'cinq')
    })
    await waitForRows(admin.client, workspaceId, 'agreement', stored + 1)
    const amendment = await propose(steering, workspaceId, 'agreement', { name: 'Avenant n°1' })
    expect(amendment.round).toMatchObject({ kind: 'amendment', clauses: ['Article 2 — Durée'], baseRoundId: round.id, baseHash: round.contentHash })
    expect(amendment.round.contentHash).not.toBe(round.contentHash)
    const changed = amendment.diff!.blocks.filter((b) => b.status !== 'equal')
    expect(changed).toHaveLength(1)
    expect(changed[0]!.parts.filter((p) => p.op !== 'equal').map((p) => [p.op, p.text])).toEqual([
      ['delete', 'trois'],
      ['insert', 'cinq'],
    ])
    await vote(hugo, workspaceId, 'agreement', amendment.round.id, { vote: 'approve', clause: 'Article 2 — Durée' })
    const amended = await vote(lina, workspaceId, 'agreement', amendment.round.id, { vote: 'approve' })
    expect(amended.status).toBe('adopted')
    const rounds = await editor.client.json<SignoffRoundView[]>('GET', api.signoff, undefined, 200)
    expect(rounds.map((r) => [r.kind, r.status, r.contentHash])).toEqual([
      ['adoption', 'adopted', round.contentHash],
      ['amendment', 'adopted', amendment.round.contentHash],
    ])
    await waitFor(() => documentMetaOf(a.doc).get('adoptedVersionId') === amendment.round.versionId, { message: 'amendment adopted on the client' })

    // SIGN5: the audit trail records each step, chained by hash; the command verifies it and finds a tampered row.
    const audit = await editor.client.json<{ seq: number; action: string; actorId: string | null; prevHash: string; hash: string }[]>(
      'GET',
      api.audit,
      undefined,
      200,
    )
    expect(audit.map((e) => e.action)).toEqual([
      'proposed',
      'approved',
      'objected',
      'approved',
      'adopted',
      'unlocked',
      'proposed',
      'approved',
      'approved',
      'adopted',
    ])
    expect(audit.map((e) => e.actorId)).toEqual([
      steering.userId,
      lina.userId,
      hugo.userId,
      hugo.userId,
      null,
      steering.userId,
      steering.userId,
      hugo.userId,
      lina.userId,
      null,
    ])
    expect(audit.every((e, i) => i === 0 || e.prevHash === audit[i - 1]!.hash)).toBe(true)
    expect(await auditVerify({ DATA_DIR: server.dataDir })).toMatchObject({
      code: 0,
      result: { ok: true, entries: 10, rounds: 2, problems: [], missingHeads: [] },
    })
    // Someone with database access rewrites who objected.
    const database = openDatabase({ dataDir: server.dataDir, databaseUrl: null })
    try {
      await database.db.updateTable('signoff_audit').set({ actor_id: lina.userId }).where('workspace_id', '=', workspaceId).where('seq', '=', 3).execute()
    } finally {
      await database.close()
    }
    const tampered = await auditVerify({ DATA_DIR: server.dataDir })
    expect(tampered.code).toBe(1)
    expect(tampered.result).toMatchObject({ ok: false })
    expect(tampered.result.problems[0]).toMatchObject({ workspaceId, seq: 3, message: { en: 'content does not match its hash' } })
    expect(contentOf(a.doc).length).toBe(4)
  })
})
