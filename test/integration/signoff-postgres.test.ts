import { documentMetaOf, type SignoffRoundView } from '@ensemble/shared'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '@ensemble/server/db'
import { canonicalJson, documentJson } from '@ensemble/server/domain'
import { connectDoc } from '../helpers/collab.ts'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError } from './comments-flow.ts'
import { appendBlocks, block, blockText, docApi, waitForRows, type SessionView } from './history-flow.ts'
import { auditVerify, propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

describePostgres('history and sign-off on PostgreSQL (DATABASE_URL)', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-sign-pg-')
  let server: TestServer | undefined
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('[SIGN7] versions, restore, adoption, amendment and the audit chain on PostgreSQL', async () => {
    server = await startTestServer({ DATABASE_URL: databaseUrl() }, dataDir)
    const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'convention')
    const a = await connectDoc(admin.client, workspaceId, 'convention')
    try {
      await a.synced()
      appendBlocks(a.doc, [
        block('heading', 'Article 1'),
        block('paragraph', 'Texte initial.'),
        block('heading', 'Article 2'),
        block('paragraph', 'Durée : un an.'),
      ])
      await waitForRows(admin.client, workspaceId, 'convention', 1)
      const v1 = await admin.client.json<{ id: string; rowId: number }>('POST', api.versions, { name: 'v1' }, 201)
      const v1Doc = await admin.client.json<{ document: unknown }>('GET', api.version(v1.id), undefined, 200)
      blockText(a.doc, 1).insert(0, 'Nouveau. ')
      await waitForRows(admin.client, workspaceId, 'convention', 2)
      const restored = await steering.client.json<{ document: unknown }>('POST', api.restore(v1.id), undefined, 200)
      expect(canonicalJson(restored.document)).toBe(canonicalJson(v1Doc.document))
      await waitFor(() => canonicalJson(documentJson(a.doc, 'convention')) === canonicalJson(v1Doc.document), { message: 'restore on the client' })
      const sessions = await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)
      expect(sessions.map((s) => s.author.id)).toEqual([admin.userId, steering.userId])

      const { round } = await propose(steering, workspaceId, 'convention', { versionId: v1.id })
      await vote(hugo, workspaceId, 'convention', round.id, { vote: 'object', clause: 'Article 2', comment: 'Un an ne suffit pas.' })
      await vote(hugo, workspaceId, 'convention', round.id, { vote: 'approve' })
      expect((await vote(lina, workspaceId, 'convention', round.id, { vote: 'approve' })).status).toBe('adopted')
      await waitFor(() => documentMetaOf(a.doc).get('status') === 'adopted', { message: 'adopted on the client' })
      await expectError(await steering.client.request('POST', api.restore(v1.id)), 409, 'document_locked')

      await steering.client.json('POST', api.unlock, undefined, 200)
      await waitFor(() => documentMetaOf(a.doc).get('status') === 'draft', { message: 'unlocked on the client' })
      const stored = (await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)).reduce((n, s) => n + s.edits, 0)
      blockText(a.doc, 3).insert(blockText(a.doc, 3).length, ' Renouvelable.')
      await waitForRows(admin.client, workspaceId, 'convention', stored + 1)
      const amendment = await propose(steering, workspaceId, 'convention', { name: 'Avenant 1' })
      expect(amendment.round).toMatchObject({ kind: 'amendment', clauses: ['Article 2'], baseHash: round.contentHash })
      await vote(lina, workspaceId, 'convention', amendment.round.id, { vote: 'approve' })
      await vote(hugo, workspaceId, 'convention', amendment.round.id, { vote: 'approve' })
      const rounds = await admin.client.json<SignoffRoundView[]>('GET', api.signoff, undefined, 200)
      expect(rounds.map((r) => r.status)).toEqual(['adopted', 'adopted'])
    } finally {
      a.destroy()
    }

    expect(await auditVerify({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl() })).toMatchObject({ code: 0, result: { ok: true, problems: [] } })
    const database = openDatabase({ dataDir, databaseUrl: databaseUrl() })
    try {
      // Deleting an entry in the middle breaks the chain at the entry that follows it.
      await database.db.deleteFrom('signoff_audit').where('workspace_id', '=', workspaceId).where('seq', '=', 2).execute()
    } finally {
      await database.close()
    }
    const tampered = await auditVerify({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl() })
    expect(tampered).toMatchObject({ code: 1, result: { ok: false } })
    expect(tampered.result.problems[0]).toMatchObject({ workspaceId, seq: 3 })
  })
})
