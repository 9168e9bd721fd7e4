import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@ensemble/server/db'
import { entryHash } from '@ensemble/server/domain'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { block, docApi, writeBlocks } from './history-flow.ts'
import { auditVerify, propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

/**
 * The audit chain's anchor outside the database (SIGN12): each entry's seal (an HMAC of its hash by
 * the server's audit key) and the head hash printed on every export. Someone with write access to the
 * database alone rewrites the last entry with a consistent hash, drops its seal, or cuts the chain.
 */
async function anchorScenario(server: TestServer, databaseUrl: string | null): Promise<void> {
  const env = { DATA_DIR: server.dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }
  const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(server.url)
  const api = docApi(workspaceId, 'agreement')
  await writeBlocks(admin.client, workspaceId, 'agreement', [block('heading', 'Article 1'), block('paragraph', 'Objet de l’accord.')])
  const { round } = await propose(steering, workspaceId, 'agreement', { name: 'Accord v1' })
  await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
  expect((await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve' })).status).toBe('adopted')
  const audit = await admin.client.json<{ seq: number; hash: string }[]>('GET', api.audit, undefined, 200)
  const head = audit.at(-1)!.hash
  const last = audit.at(-1)!.seq

  // A sound chain verifies, sealed, and holds the head an export published.
  expect(await auditVerify(env, [head])).toMatchObject({ code: 0, result: { ok: true, entries: audit.length, problems: [], missingHeads: [] } })

  const database = openDatabase({ dataDir: server.dataDir, databaseUrl })
  try {
    const rewrite = async (change: { detail?: string; seal?: null }) => {
      const row = await database.db
        .selectFrom('signoff_audit')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('seq', '=', last)
        .executeTakeFirstOrThrow()
      const forged = { ...row, ...change }
      await database.db
        .updateTable('signoff_audit')
        .set({ ...change, hash: entryHash(forged) })
        .where('workspace_id', '=', workspaceId)
        .where('seq', '=', last)
        .execute()
    }
    // The last entry rewritten with a consistent hash (the hash chain alone cannot tell): the seal does, the forger has no key.
    await rewrite({ detail: JSON.stringify({ contentHash: '0'.repeat(64), roundId: round.id, rule: 'majority' }) })
    const forged = await auditVerify(env)
    expect(forged).toMatchObject({ code: 1, result: { ok: false } })
    expect(forged.result.problems[0]).toMatchObject({ workspaceId, seq: last, message: { en: expect.stringContaining('seal does not match') } })

    // Dropping the seal of a rewritten entry does not pass either.
    await rewrite({ seal: null })
    expect((await auditVerify(env)).result.problems[0]).toMatchObject({ seq: last, message: { en: expect.stringContaining('has no seal') } })

    // Cutting the chain after the forged entry, and putting the round's row back as it was before
    // (AUDIT2 would see a closed round without its closing entry), leaves sound, sealed entries:
    // only the published head tells.
    await database.db.deleteFrom('signoff_audit').where('workspace_id', '=', workspaceId).where('seq', '=', last).execute()
    await database.db.updateTable('signoff_round').set({ status: 'open', closed_at: null }).where('id', '=', round.id).execute()
    expect(await auditVerify(env)).toMatchObject({ code: 0, result: { ok: true } })
    expect(await auditVerify(env, [head])).toMatchObject({ code: 1, result: { ok: false, problems: [], missingHeads: [head] } })
  } finally {
    await database.close()
  }
  // Without the key the command refuses to vouch for the chain.
  const keyless = await auditVerify({ ...env, DATA_DIR: tempDataDir('ensemble-nokey-') })
  expect(keyless.code).toBe(2)
}

for (const backend of ['SQLite', 'PostgreSQL'] as const) {
  const suite = backend === 'PostgreSQL' ? describePostgres : describe
  suite(`the audit chain anchored outside the database (${backend})`, () => {
    const databaseUrl = backend === 'PostgreSQL' ? usePostgresDatabase() : () => null
    const dataDir = tempDataDir('ensemble-audit-')
    let server: TestServer | undefined
    afterAll(async () => {
      await server?.close()
      removeDir(dataDir)
    })

    it(`[SIGN12] a rewritten last entry is found by its seal, a cut chain by the published head, a sound chain verifies (${backend})`, async () => {
      const url = databaseUrl()
      server = await startTestServer(url ? { DATABASE_URL: url } : {}, dataDir)
      await anchorScenario(server, url)
    })
  })
}
