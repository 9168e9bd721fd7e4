import { createRequire } from 'node:module'
import { outboxMailSchema, type OutboxMail, type SignoffRoundView } from '@ensemble/shared'
import { strFromU8, unzipSync } from 'fflate'
import { sql } from 'kysely'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '@ensemble/server/db'
import { INVITATION_LINK } from '../helpers/invitations.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError } from './comments-flow.ts'
import { forgedParagraph, signedAlliances, type AuditEntryView, type SignedAlliances } from './audit-flow.ts'
import { docApi } from './history-flow.ts'
import { auditVerify, vote } from './signoff-flow.ts'

/** pdf-parse's library entry (its index runs a self-test on import), typed for what these tests read. */
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>

const short = (hash: string) => hash.slice(0, 16).match(/.{4}/g)!.join('-')
const time = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 19)} UTC`

/**
 * The head of the audit chain held outside the database (AUDIT4) — on every export, in every
 * representative's confirmation email — and the round page, which shows what the sealed entries
 * record whatever the rows say (AUDIT5). The server runs; the forger writes to its SQLite file.
 */
describe('the audit head outside the database, and the round page against forged rows', () => {
  const server = serverPerSuite()
  let s: SignedAlliances
  let database: DatabaseHandle
  beforeAll(async () => {
    s = await signedAlliances(server.url)
    database = openDatabase({ dataDir: server.dataDir, databaseUrl: null })
  })
  afterAll(async () => {
    await database?.close()
  })

  it('[AUDIT4] every export of the adopted text prints on its signature page the head at export: full hash, short form, entry and date (PDF, ODT, DOCX)', async () => {
    const head: AuditEntryView = s.a.entries.at(-1)!
    const api = docApi(s.a.workspaceId, 'agreement')
    const expected = [head.hash, short(head.hash), `n° 7 · entry 7 — ${time(head.at)}`, 'Forme courte de la tête, à conserver (audit:verify --head)']
    const pdf = await s.a.editor.client.request('GET', api.export('pdf'))
    expect(pdf.status).toBe(200)
    const pdfText = (await pdfParse(Buffer.from(await pdf.arrayBuffer()))).text
    for (const text of expected) expect(pdfText).toContain(text)
    const odt = unzipSync(new Uint8Array(await (await s.a.editor.client.request('GET', api.export('odt'))).arrayBuffer()))
    for (const text of expected) expect(strFromU8(odt['content.xml']!)).toContain(text)
    const docx = unzipSync(new Uint8Array(await (await s.a.editor.client.request('GET', api.export('docx'))).arrayBuffer()))
    for (const text of expected) expect(strFromU8(docx['word/document.xml']!)).toContain(text)
  })

  it('[AUDIT4] each partner’s representative is mailed, French then English, when a round is adopted or withdrawn, with the closing entry as head; audit:verify --head takes it', async () => {
    const [adoption, withdrawal] = [s.a.entries[4]!, s.a.entries[6]!]
    expect([adoption.action, withdrawal.action]).toEqual(['adopted', 'withdrawn'])
    const mails = await waitFor(
      async () => {
        const all = await s.a.admin.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)
        const mine = all.map((m) => outboxMailSchema.parse(m)).filter((m) => m.to === s.a.lina.email || m.to === s.a.hugo.email)
        return mine.length >= 4 ? mine : null
      },
      { message: 'four confirmations in the outbox' },
    )
    // Only representatives, and nothing for alliance B's round, still open.
    // (The invitations that brought everyone in are mails too: left out.)
    const all = (await s.a.admin.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)).filter((m) => !INVITATION_LINK.test(m.text))
    const people = [s.a.admin, s.a.steering, s.a.editor, s.b.admin, s.b.steering, s.b.editor, s.b.lina, s.b.hugo].map((m) => m.email)
    expect(all.filter((m) => people.includes(m.to))).toEqual([])

    for (const [to, name] of [
      [s.a.lina.email, 'Lina Association'],
      [s.a.hugo.email, 'Hugo Ville'],
    ] as const) {
      const adopted = mails.find((m) => m.to === to && m.subject === 'Texte adopté · Text adopted — Accord du littoral · Alliance de test')!
      expect(adopted.text.indexOf(`Bonjour ${name},`)).toBe(0)
      expect(adopted.text.indexOf('« Accord du littoral » (Accord de consortium) a été adopté le')).toBeGreaterThan(0)
      expect(adopted.text.indexOf('“Accord du littoral” (Consortium agreement) was adopted on')).toBeGreaterThan(
        adopted.text.indexOf('Tête du journal d’audit'),
      )
      for (const line of [
        '- Ville de Lille (Hugo Ville) : approuvé',
        '- Association Littoral (Lina Association): approved',
        `Empreinte du texte adopté (SHA-256) : ${s.a.adopted.contentHash}`,
        `  entrée n° 5, ${time(adoption.at)}`,
        `  forme courte : ${short(adoption.hash)}`,
        `  empreinte complète : ${adoption.hash}`,
        `  entry 5, ${time(adoption.at)}`,
        `  short form: ${short(adoption.hash)}`,
        `audit:verify --head ${short(adoption.hash)}`,
      ]) {
        expect(adopted.text).toContain(line)
      }
      expect(adopted.html).toContain(adoption.hash)
      const withdrawn = mails.find((m) => m.to === to && m.subject === 'Proposition retirée · Proposal withdrawn — Charte du littoral · Alliance de test')!
      expect(withdrawn.text).toContain('La proposition « Charte v1 » de « Charte du littoral » (Charte partenariale) a été retirée le')
      expect(withdrawn.text).toContain(`  forme courte : ${short(withdrawal.hash)}`)
    }
    expect(await auditVerify({ DATA_DIR: server.dataDir }, [short(adoption.hash), short(withdrawal.hash)])).toMatchObject({
      code: 0,
      result: { ok: true, missingHeads: [] },
    })
  })

  it('[AUDIT5] a vote row turned into an objection is listed as a problem, never shown as the answer, and the exports refuse; a forged answer row counts for nothing; replaced stored text refuses exports and suspends an adoption', async () => {
    const { workspaceId, adopted, cityId } = s.a
    const api = docApi(workspaceId, 'agreement')
    const roundOf = async () => s.a.editor.client.json<SignoffRoundView>('GET', `${api.signoff}/rounds/${adopted.id}`, undefined, 200)
    const city = (round: SignoffRoundView) => round.votes.find((v) => v.partnerId === cityId)!
    expect((await roundOf()).audit).toEqual({ ok: true, problems: [] })

    await sql`UPDATE signoff_vote SET vote = 'object', comment = 'Nous refusons ce texte.' WHERE round_id = ${adopted.id} AND partner_id = ${cityId}`.execute(
      database.db,
    )
    const forged = await roundOf()
    expect(city(forged)).toMatchObject({ vote: 'approve', comment: null, userName: 'Hugo Ville' })
    expect(forged.status).toBe('adopted')
    expect(forged.audit.ok).toBe(false)
    expect(forged.audit.problems).toContainEqual({
      partnerId: cityId,
      seq: 4,
      message: {
        fr: 'la réponse enregistrée pour Ville de Lille a vote = « object », l’entrée n° 4 dit « approve »',
        en: 'the stored answer for Ville de Lille has vote = "object", entry 4 says "approve"',
      },
    })
    const listed = await s.a.editor.client.json<SignoffRoundView[]>('GET', api.signoff, undefined, 200)
    expect(listed.find((r) => r.id === adopted.id)).toEqual(forged)
    await expectError(await s.a.editor.client.request('GET', api.export('pdf')), 409, 'audit_mismatch')
    await sql`UPDATE signoff_vote SET vote = 'approve', comment = NULL WHERE round_id = ${adopted.id} AND partner_id = ${cityId}`.execute(database.db)
    expect((await roundOf()).audit.ok).toBe(true)
    expect((await s.a.editor.client.request('GET', api.export('pdf'))).status).toBe(200)

    // Alliance B: an approval row slipped in for the silent city; the association answers again. The
    // round counts the sealed answers only: it stays open, and shows the row as a problem.
    const b = s.b
    await sql`INSERT INTO signoff_vote (round_id, partner_id, user_id, vote, comment, clause, thread_id, at) VALUES (${b.open.id}, ${b.cityId}, ${b.hugo.userId}, 'approve', NULL, NULL, NULL, ${new Date().toISOString()})`.execute(
      database.db,
    )
    const after = await vote(b.lina, b.workspaceId, 'agreement', b.open.id, { vote: 'approve' })
    expect(after.status).toBe('open')
    expect(after.votes.find((v) => v.partnerId === b.cityId)).toMatchObject({ vote: null, at: null })
    expect(after.audit.problems).toContainEqual(
      expect.objectContaining({
        partnerId: b.cityId,
        seq: null,
        message: expect.objectContaining({ en: expect.stringContaining('has no sealed audit entry') }),
      }),
    )
    await sql`DELETE FROM signoff_vote WHERE round_id = ${b.open.id} AND partner_id = ${b.cityId}`.execute(database.db)

    // The adopted text's stored update replaced: the version no longer has the hash partners adopted.
    const { rows, doc, update } = await forgedParagraph(database.db, workspaceId, 'agreement')
    doc.destroy()
    const first = rows[0]!
    await sql`UPDATE doc_updates SET data = ${Buffer.from(Y.mergeUpdates([new Uint8Array(first.data as Uint8Array), update]))} WHERE id = ${first.id}`.execute(
      database.db,
    )
    const refused = await s.a.editor.client.request('GET', api.export('docx'))
    await expectError(refused, 409, 'audit_mismatch')
    await sql`UPDATE doc_updates SET data = ${Buffer.from(first.data as Uint8Array)} WHERE id = ${first.id}`.execute(database.db)
    expect((await s.a.editor.client.request('GET', api.export('docx'))).status).toBe(200)

    // Alliance B: the text under proposal replaced in the log. The last answer is recorded, but the
    // round is not adopted on a text whose hash is no longer the one partners answered on.
    const forgedB = await forgedParagraph(database.db, b.workspaceId, 'agreement')
    forgedB.doc.destroy()
    const firstB = forgedB.rows[0]!
    await sql`UPDATE doc_updates SET data = ${Buffer.from(Y.mergeUpdates([new Uint8Array(firstB.data as Uint8Array), forgedB.update]))} WHERE id = ${firstB.id}`.execute(
      database.db,
    )
    const suspended = await b.hugo.client.request('POST', docApi(b.workspaceId, 'agreement').votes(b.open.id), { vote: 'approve' })
    await expectError(suspended, 409, 'audit_mismatch')
    const waiting = await b.admin.client.json<SignoffRoundView>('GET', `${docApi(b.workspaceId, 'agreement').signoff}/rounds/${b.open.id}`, undefined, 200)
    expect(waiting).toMatchObject({ status: 'open', outcome: { adopted: true } })
    await sql`UPDATE doc_updates SET data = ${Buffer.from(firstB.data as Uint8Array)} WHERE id = ${firstB.id}`.execute(database.db)
    expect((await vote(b.lina, b.workspaceId, 'agreement', b.open.id, { vote: 'approve' })).status).toBe('adopted')
  })
})
