import { contentOf, documentMetaOf, type SignoffRoundView } from '@ensemble/shared'
import { sql, type Kysely } from 'kysely'
import * as Y from 'yjs'
import type { Database } from '@ensemble/server/db'
import { type AuditProblem, entryHash } from '@ensemble/server/domain'
import { connectDoc } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { appendBlocks, block, blockText, docApi, waitForRows, writeBlocks } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

export interface AuditEntryView {
  seq: number
  action: string
  hash: string
  at: string
}

/**
 * Two alliances with a sign-off history, the material every forgery below starts from.
 * A: the agreement adopted after the city's representative objected then approved (entries 1–5),
 *    then the charter proposed and withdrawn (entries 6–7).
 * B: the agreement proposed, the association approved, the city silent (entries 1–2, round open).
 */
export async function signedAlliances(baseUrl: string) {
  const a = await twoPartnerAlliance(baseUrl)
  await writeTitled(a.admin.client, a.workspaceId, 'agreement', 'Accord du littoral', [
    block('heading', 'Article 1 — Objet'),
    block('paragraph', 'Les partenaires coopèrent pour le littoral.'),
  ])
  const { round: agreement } = await propose(a.steering, a.workspaceId, 'agreement', { name: 'Accord v1' })
  await vote(a.lina, a.workspaceId, 'agreement', agreement.id, { vote: 'approve' })
  await vote(a.hugo, a.workspaceId, 'agreement', agreement.id, { vote: 'object', clause: 'Article 1 — Objet', comment: 'Préciser le périmètre.' })
  const adopted = await vote(a.hugo, a.workspaceId, 'agreement', agreement.id, { vote: 'approve' })
  await writeTitled(a.admin.client, a.workspaceId, 'charter', 'Charte du littoral', [
    block('heading', 'Valeurs'),
    block('paragraph', 'Confiance et transparence.'),
  ])
  const { round: charter } = await propose(a.steering, a.workspaceId, 'charter', { name: 'Charte v1' })
  const withdrawn = await a.steering.client.json<SignoffRoundView>('POST', docApi(a.workspaceId, 'charter').withdraw(charter.id), undefined, 200)
  const entriesA = await chainOf(a.admin.client, a.workspaceId, ['agreement', 'charter'])

  const b = await twoPartnerAlliance(baseUrl)
  await writeBlocks(b.admin.client, b.workspaceId, 'agreement', [block('heading', 'Article 1'), block('paragraph', 'Texte de l’alliance B.')])
  const { round: open } = await propose(b.steering, b.workspaceId, 'agreement', { name: 'Accord B' })
  await vote(b.lina, b.workspaceId, 'agreement', open.id, { vote: 'approve' })
  const entriesB = await chainOf(b.admin.client, b.workspaceId, ['agreement'])
  return { a: { ...a, adopted, withdrawn, entries: entriesA }, b: { ...b, open, entries: entriesB } }
}

export type SignedAlliances = Awaited<ReturnType<typeof signedAlliances>>

/** Writes a rich text's title and blocks in one transaction (one stored row), then disconnects. */
async function writeTitled(client: HttpClient, workspaceId: string, docName: string, title: string, blocks: Y.XmlElement[]): Promise<void> {
  const writer = await connectDoc(client, workspaceId, docName)
  try {
    await writer.synced()
    writer.doc.transact(() => {
      documentMetaOf(writer.doc).set('title', title)
      appendBlocks(writer.doc, blocks)
    })
    await waitForRows(client, workspaceId, docName, 1)
  } finally {
    writer.destroy()
  }
}

/** An alliance's whole chain, read through the documents' audit routes. */
async function chainOf(client: HttpClient, workspaceId: string, docNames: string[]): Promise<AuditEntryView[]> {
  const entries = (await Promise.all(docNames.map((d) => client.json<AuditEntryView[]>('GET', docApi(workspaceId, d).audit, undefined, 200)))).flat()
  return entries.sort((x, y) => x.seq - y.seq)
}

/** The tables a forgery may touch, in the order they are restored (referenced rows first). */
const TABLES = ['document_version', 'signoff_round', 'signoff_vote', 'signoff_audit', 'doc_updates', 'doc_snapshots'] as const

type Snapshot = Record<(typeof TABLES)[number], Record<string, unknown>[]>

/** Everything a forgery may change, to put back after it. */
export async function snapshotTables(db: Kysely<Database>): Promise<Snapshot> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>
  const entries = await Promise.all(TABLES.map(async (t) => [t, await any.selectFrom(t).selectAll().execute()] as const))
  return Object.fromEntries(entries) as Snapshot
}

export async function restoreTables(db: Kysely<Database>, snapshot: Snapshot): Promise<void> {
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>
  await any.transaction().execute(async (trx) => {
    for (const t of [...TABLES].reverse()) await trx.deleteFrom(t).execute()
    for (const t of TABLES) {
      for (let i = 0; i < snapshot[t].length; i += 50)
        await trx
          .insertInto(t)
          .values(snapshot[t].slice(i, i + 50))
          .execute()
    }
  })
}

/** One forgery of the database, as someone with write access but without the audit key would make it. */
export interface Forgery {
  rule: 'AUDIT1' | 'AUDIT2' | 'AUDIT3'
  name: string
  /** Also run on PostgreSQL (the others are the same SQL: SQLite keeps the test short). */
  postgres?: boolean
  forge(db: Kysely<Database>, s: SignedAlliances): Promise<void>
  /** A problem `audit:verify` must report. */
  expected(s: SignedAlliances): Partial<Omit<AuditProblem, 'message'>> & { en: string }
}

const chainRows = (db: Kysely<Database>, workspaceId: string) =>
  db.selectFrom('signoff_audit').selectAll().where('workspace_id', '=', workspaceId).orderBy('seq', 'asc').execute()

/** The rows of a document's update log, in order. */
const logRows = (db: Kysely<Database>, workspaceId: string, docName: string) =>
  db.selectFrom('doc_updates').selectAll().where('workspace_id', '=', workspaceId).where('doc_name', '=', docName).orderBy('id', 'asc').execute()

/** The document rebuilt from its log, and an update that rewrites its paragraph (made by a client id of the forger's own). */
export async function forgedParagraph(db: Kysely<Database>, workspaceId: string, docName: string) {
  const rows = await logRows(db, workspaceId, docName)
  const doc = new Y.Doc()
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data as Uint8Array))
  contentOf(doc)
  const before = Y.encodeStateVector(doc)
  const text = blockText(doc, 1)
  text.delete(0, text.length)
  text.insert(0, 'Les partenaires renoncent à toute coopération.')
  return { rows, doc, update: Y.encodeStateAsUpdate(doc, before) }
}

const voteRow = (s: SignedAlliances) => `signoff_vote round_id=${s.a.adopted.id} partner_id=${s.a.cityId}`

export const FORGERIES: Forgery[] = [
  {
    rule: 'AUDIT1',
    name: 'the whole chain rewritten from genesis, the city’s approval turned into an objection, every hash recomputed, every seal NULL',
    postgres: true,
    async forge(db, s) {
      let prev = '0'.repeat(64)
      for (const row of await chainRows(db, s.a.workspaceId)) {
        const detail = Number(row.seq) === 4 ? row.detail.replace('"comment":null', '"comment":"Refusé."') : row.detail
        const forged = { ...row, action: Number(row.seq) === 4 ? 'objected' : row.action, detail, prev_hash: prev }
        const hash = entryHash(forged)
        await sql`UPDATE signoff_audit SET action = ${forged.action}, detail = ${detail}, prev_hash = ${prev}, hash = ${hash}, seal = NULL WHERE workspace_id = ${row.workspace_id} AND seq = ${row.seq}`.execute(
          db,
        )
        prev = hash
      }
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 1, en: 'has no seal: written or rewritten without the audit key' }),
  },
  {
    rule: 'AUDIT1',
    name: 'one entry rewritten with a consistent hash, its old seal kept',
    async forge(db, s) {
      const [, second] = await chainRows(db, s.a.workspaceId)
      const forged = { ...second!, at: '2020-01-01T00:00:00.000Z' }
      await sql`UPDATE signoff_audit SET at = ${forged.at}, hash = ${entryHash(forged)} WHERE workspace_id = ${s.a.workspaceId} AND seq = 2`.execute(db)
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 2, en: 'seal does not match its hash' }),
  },
  {
    rule: 'AUDIT1',
    name: 'a seal copied from another entry of the same alliance',
    async forge(db, s) {
      await sql`UPDATE signoff_audit SET seal = (SELECT seal FROM signoff_audit WHERE workspace_id = ${s.a.workspaceId} AND seq = 2) WHERE workspace_id = ${s.a.workspaceId} AND seq = 3`.execute(
        db,
      )
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 3, en: 'seal does not match its hash' }),
  },
  {
    rule: 'AUDIT1',
    name: 'an entry moved to another alliance with its seal (re-linked, hash recomputed)',
    async forge(db, s) {
      const adoptedEntry = (await chainRows(db, s.a.workspaceId))[4]!
      const head = (await chainRows(db, s.b.workspaceId)).at(-1)!
      const moved = { ...adoptedEntry, workspace_id: s.b.workspaceId, seq: Number(head.seq) + 1, prev_hash: head.hash }
      await db
        .insertInto('signoff_audit')
        .values({ ...moved, hash: entryHash(moved) })
        .execute()
    },
    expected: (s) => ({ workspaceId: s.b.workspaceId, seq: 3, en: 'seal does not match its hash' }),
  },
  {
    rule: 'AUDIT1',
    name: 'two entries swapped (the objection after the approval)',
    async forge(db, s) {
      await sql`UPDATE signoff_audit SET seq = -1 WHERE workspace_id = ${s.a.workspaceId} AND seq = 3`.execute(db)
      await sql`UPDATE signoff_audit SET seq = 3 WHERE workspace_id = ${s.a.workspaceId} AND seq = 4`.execute(db)
      await sql`UPDATE signoff_audit SET seq = 4 WHERE workspace_id = ${s.a.workspaceId} AND seq = -1`.execute(db)
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 3, en: 'does not link to the previous entry' }),
  },
  {
    rule: 'AUDIT1',
    name: 'an entry deleted in the middle (the objection)',
    postgres: true,
    async forge(db, s) {
      await sql`DELETE FROM signoff_audit WHERE workspace_id = ${s.a.workspaceId} AND seq = 3`.execute(db)
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 4, en: 'expected entry 3, found 4: entries were deleted, inserted or moved' }),
  },
  {
    rule: 'AUDIT1',
    name: 'an entry appended outside the server (an unlock, linked to the head with a consistent hash)',
    async forge(db, s) {
      const head = (await chainRows(db, s.a.workspaceId)).at(-1)!
      const fields = {
        ...head,
        seq: Number(head.seq) + 1,
        action: 'unlocked',
        doc_name: 'agreement',
        detail: '{}',
        prev_hash: head.hash,
        actor_id: s.a.steering.userId,
      }
      await db
        .insertInto('signoff_audit')
        .values({ ...fields, hash: entryHash(fields), seal: null })
        .execute()
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 8, en: 'has no seal' }),
  },
  {
    rule: 'AUDIT2',
    name: 'the city’s approval row turned into an objection',
    postgres: true,
    async forge(db, s) {
      await sql`UPDATE signoff_vote SET vote = 'object', comment = 'Nous refusons.' WHERE round_id = ${s.a.adopted.id} AND partner_id = ${s.a.cityId}`.execute(
        db,
      )
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 4, partnerId: s.a.cityId, row: voteRow(s), en: 'has vote = "object", entry 4 says "approve"' }),
  },
  {
    rule: 'AUDIT2',
    name: 'an answer row given another author',
    async forge(db, s) {
      await sql`UPDATE signoff_vote SET user_id = ${s.a.lina.userId} WHERE round_id = ${s.a.adopted.id} AND partner_id = ${s.a.cityId}`.execute(db)
    },
    expected: (s) => ({ seq: 4, row: voteRow(s), en: `has user_id = "${s.a.lina.userId}", entry 4 says "${s.a.hugo.userId}"` }),
  },
  {
    rule: 'AUDIT2',
    name: 'an answer row deleted',
    async forge(db, s) {
      await sql`DELETE FROM signoff_vote WHERE round_id = ${s.a.adopted.id} AND partner_id = ${s.a.cityId}`.execute(db)
    },
    expected: (s) => ({ seq: 4, row: voteRow(s), en: 'sealed in entry 4 is missing from the database: row deleted' }),
  },
  {
    rule: 'AUDIT2',
    name: 'an answer row inserted for the silent partner of an open round',
    async forge(db, s) {
      await sql`INSERT INTO signoff_vote (round_id, partner_id, user_id, vote, comment, clause, thread_id, at) VALUES (${s.b.open.id}, ${s.b.cityId}, ${s.b.hugo.userId}, 'approve', NULL, NULL, NULL, ${new Date().toISOString()})`.execute(
        db,
      )
    },
    expected: (s) => ({ workspaceId: s.b.workspaceId, seq: null, partnerId: s.b.cityId, en: 'has no sealed audit entry: row added outside the server' }),
  },
  {
    rule: 'AUDIT2',
    name: 'a round row given another rule and proposal time',
    async forge(db, s) {
      await sql`UPDATE signoff_round SET adoption_rule = 'majority', proposed_at = '2020-01-01T00:00:00.000Z' WHERE id = ${s.a.adopted.id}`.execute(db)
    },
    expected: (s) => ({ seq: 1, row: `signoff_round id=${s.a.adopted.id}`, en: 'has adoption_rule = "majority", entry 1 says "unanimity"' }),
  },
  {
    rule: 'AUDIT2',
    name: 'a round row deleted',
    async forge(db, s) {
      await sql`DELETE FROM signoff_round WHERE id = ${s.a.withdrawn.id}`.execute(db)
    },
    expected: (s) => ({ seq: 6, row: `signoff_round id=${s.a.withdrawn.id}`, en: 'the round proposed in entry 6 is missing from the database: row deleted' }),
  },
  {
    rule: 'AUDIT3',
    name: 'the adopted text’s stored update replaced in the update log',
    postgres: true,
    async forge(db, s) {
      const { rows, doc, update } = await forgedParagraph(db, s.a.workspaceId, 'agreement')
      doc.destroy()
      const first = rows[0]!
      const data = Buffer.from(Y.mergeUpdates([new Uint8Array(first.data as Uint8Array), update]))
      await sql`UPDATE doc_updates SET data = ${data} WHERE id = ${first.id}`.execute(db)
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 1, roundId: s.a.adopted.id, en: 'rebuilt from the update log has hash' }),
  },
  {
    rule: 'AUDIT3',
    name: 'an edit of the adopted text appended to the update log',
    async forge(db, s) {
      const { rows, doc, update } = await forgedParagraph(db, s.a.workspaceId, 'agreement')
      doc.destroy()
      const last = rows.at(-1)!
      await db
        .insertInto('doc_updates')
        .values({ workspace_id: s.a.workspaceId, doc_name: 'agreement', data: Buffer.from(update), author_id: null, created_at: last.created_at })
        .execute()
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 5, en: 'the adopted text rebuilt from the update log has hash' }),
  },
  {
    rule: 'AUDIT3',
    name: 'the adopted text’s snapshot replaced',
    async forge(db, s) {
      const { rows, doc } = await forgedParagraph(db, s.a.workspaceId, 'agreement')
      const state = Buffer.from(Y.encodeStateAsUpdate(doc))
      doc.destroy()
      await db.deleteFrom('doc_snapshots').where('workspace_id', '=', s.a.workspaceId).where('doc_name', '=', 'agreement').execute()
      await db
        .insertInto('doc_snapshots')
        .values({ workspace_id: s.a.workspaceId, doc_name: 'agreement', data: state, last_update_id: rows.at(-1)!.id, updated_at: Date.now() })
        .execute()
    },
    expected: (s) => ({
      workspaceId: s.a.workspaceId,
      seq: 5,
      row: `doc_snapshots workspace_id=${s.a.workspaceId} doc_name=agreement`,
      en: 'snapshot replaced',
    }),
  },
  {
    rule: 'AUDIT3',
    name: 'a proposed version pointed at an earlier row of the log',
    async forge(db, s) {
      await sql`UPDATE document_version SET log_id = 0 WHERE id = ${s.a.adopted.versionId}`.execute(db)
    },
    expected: (s) => ({ workspaceId: s.a.workspaceId, seq: 1, en: 'rebuilt from the update log has hash' }),
  },
]
