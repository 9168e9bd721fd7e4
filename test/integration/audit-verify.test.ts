import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '@ensemble/server/db'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.ts'
import { FORGERIES, restoreTables, signedAlliances, snapshotTables, type SignedAlliances } from './audit-flow.ts'
import { auditVerify, runAuditVerify, type AuditVerifyEnv } from './signoff-flow.ts'

/**
 * `audit:verify` against someone who can write to the database but does not hold the audit key:
 * each forgery is made with plain SQL on the database the server used (stopped), checked with the
 * real command, then undone. SQLite runs every forgery; PostgreSQL the ones marked `postgres`.
 */
for (const backend of ['SQLite', 'PostgreSQL'] as const) {
  const suite = backend === 'PostgreSQL' ? describePostgres : describe
  suite(`the audit trail proves what it claims (${backend})`, () => {
    const databaseUrl = backend === 'PostgreSQL' ? usePostgresDatabase() : () => null
    const dataDir = tempDataDir('ensemble-audit-verify-')
    let env: AuditVerifyEnv
    let s: SignedAlliances
    let database: DatabaseHandle

    beforeAll(async () => {
      const url = databaseUrl()
      env = { DATA_DIR: dataDir, ...(url ? { DATABASE_URL: url } : {}) }
      const server = await startTestServer(url ? { DATABASE_URL: url } : {}, dataDir)
      try {
        s = await signedAlliances(server.url)
      } finally {
        await server.close()
      }
      database = openDatabase({ dataDir, databaseUrl: url })
    })
    afterAll(async () => {
      await database?.close()
      removeDir(dataDir)
    })

    it(`[AUDIT6] [AUDIT4] an untouched trail verifies: a French then English report with each alliance's head, the notice that a cut tail needs --head, and the full hash or the short form as --head (${backend})`, async () => {
      const headA = s.a.entries.at(-1)!
      const { code, stdout } = await runAuditVerify(env, [])
      expect(code).toBe(0)
      expect(stdout).toContain('Vérifié · checked: 9 entrée(s) · entries, 3 tour(s) · rounds, 3 version(s), 1 texte(s) adopté(s) · adopted texts')
      expect(stdout).toContain(
        `Tête de l’alliance · head of alliance ${s.a.workspaceId}: entrée n° 7 · entry 7, ${headA.at.slice(0, 10)} ${headA.at.slice(11, 19)} UTC`,
      )
      expect(stdout).toContain(`${headA.hash.slice(0, 4)}-${headA.hash.slice(4, 8)}-${headA.hash.slice(8, 12)}-${headA.hash.slice(12, 16)}   (${headA.hash})`)
      expect(stdout).toContain('Sans --head, la suppression des dernières entrées ne peut pas être détectée')
      expect(stdout).toContain('Without --head, deleting the last entries cannot be detected')
      expect(stdout.trim().split('\n').at(-1)).toBe('Résultat · result: OK')

      const short = `${headA.hash.slice(0, 4)}-${headA.hash.slice(4, 8)}-${headA.hash.slice(8, 12)}-${headA.hash.slice(12, 16)}`.toUpperCase()
      const withHeads = await auditVerify(env, [headA.hash, short, s.b.entries.at(-1)!.hash])
      expect(withHeads).toMatchObject({ code: 0, result: { ok: true, headsGiven: 3, missingHeads: [], problems: [] } })
      expect(withHeads.result.heads).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ workspaceId: s.a.workspaceId, seq: 7, hash: headA.hash }),
          expect.objectContaining({ workspaceId: s.b.workspaceId, seq: 2 }),
        ]),
      )
      // A head too short to identify an entry is refused, like a missing key.
      expect((await runAuditVerify(env, ['--head', 'abcd-ef'])).code).toBe(2)
      expect((await runAuditVerify({ ...env, DATA_DIR: tempDataDir('ensemble-nokey-') }, [])).code).toBe(2)
    })

    for (const rule of ['AUDIT1', 'AUDIT2', 'AUDIT3'] as const) {
      const forgeries = FORGERIES.filter((f) => f.rule === rule && (backend === 'SQLite' || f.postgres))
      it(`[${rule}] ${forgeries.map((f) => f.name).join('; ')}: each fails audit:verify naming the entry and the row (${backend})`, async () => {
        for (const forgery of forgeries) {
          const before = await snapshotTables(database.db)
          try {
            await forgery.forge(database.db, s)
            const { code, result } = await auditVerify(env)
            const { en, ...where } = forgery.expected(s)
            expect({ forgery: forgery.name, code, ok: result.ok }).toEqual({ forgery: forgery.name, code: 1, ok: false })
            expect(result.problems, forgery.name).toContainEqual(
              expect.objectContaining({ ...where, message: expect.objectContaining({ en: expect.stringContaining(en) }) }),
            )
          } finally {
            await restoreTables(database.db, before)
          }
        }
        // Every forgery undone: the trail verifies again.
        expect(await auditVerify(env)).toMatchObject({ code: 0, result: { ok: true } })
      })
    }

    it(`[AUDIT4] deleting the last entries (and putting their rows back as before) passes without --head, with the notice, but fails with the head a partner holds, full or short (${backend})`, async () => {
      const before = await snapshotTables(database.db)
      const head = s.a.entries.at(-1)!.hash
      try {
        // The charter's proposal and withdrawal vanish, with the round they made.
        await sql`DELETE FROM signoff_audit WHERE workspace_id = ${s.a.workspaceId} AND seq >= 6`.execute(database.db)
        await sql`DELETE FROM signoff_round WHERE id = ${s.a.withdrawn.id}`.execute(database.db)
        const blind = await runAuditVerify(env, [])
        expect(blind.code).toBe(0)
        expect(blind.stdout).toContain(`head of alliance ${s.a.workspaceId}: entrée n° 5 · entry 5`)
        expect(blind.stdout).toContain('Without --head, deleting the last entries cannot be detected')
        expect(await auditVerify(env, [head])).toMatchObject({ code: 1, result: { ok: false, problems: [], missingHeads: [head] } })
        const short = `${head.slice(0, 4)}-${head.slice(4, 8)}-${head.slice(8, 12)}-${head.slice(12, 16)}`
        const cut = await runAuditVerify(env, ['--head', short])
        expect(cut.code).toBe(1)
        expect(cut.stdout).toContain(`given head not in the chain (cut or rewritten after it): ${short}`)
      } finally {
        await restoreTables(database.db, before)
      }
    })
  })
}
