import { createRequire } from 'node:module'
import { contentOf, documentMetaOf, type SignoffArticles, type SignoffRoundView } from '@ensemble/shared'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { signUp } from '../helpers/http.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { expectError, inbox } from './comments-flow.ts'
import { appendBlocks, block, docApi, waitForRows } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>

/** A heading of `level` (the shared helper writes level 1 only). */
function heading(level: number, text: string): Y.XmlElement {
  const element = new Y.XmlElement('heading')
  element.setAttribute('level', level as unknown as string)
  element.insert(0, [new Y.XmlText(text)])
  return element
}

/** Replaces `from` by `to` in the text of the block at `index`, as one edit. */
function replaceIn(doc: Y.Doc, index: number, from: string, to: string): void {
  const text = (contentOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText
  doc.transact(() => {
    const at = text.toString().indexOf(from)
    text.delete(at, from.length)
    text.insert(at, to)
  })
}

const MARK = 'Projet — version non adoptée'

describe('sign-off article by article', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[SIGN13] [SIGN14] « Article N » headings at level 2 are the clauses; each article shows its word diff; an amendment re-approves only the changed articles, one by one', async () => {
    const { workspaceId, admin, steering, lina, hugo, associationId, cityId } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'agreement')
    const articles = (roundId: string) => admin.client.json<SignoffArticles>('GET', `${api.signoff}/rounds/${roundId}/articles`, undefined, 200)
    const a = await connect(admin.client, workspaceId, 'agreement')
    documentMetaOf(a.doc).set('title', 'Accord de consortium')
    appendBlocks(a.doc, [
      heading(1, 'Accord de consortium'),
      block('paragraph', 'Projet soumis aux partenaires.'),
      heading(2, 'Article 1 — Objet'),
      block('paragraph', 'Les partenaires coopèrent pour les classes de mer.'),
      heading(2, 'Article 2 — Durée'),
      block('paragraph', 'La convention est conclue pour trois ans.'),
      heading(2, 'Article 3 — Litiges'),
      block('paragraph', 'Les litiges vont au comité de pilotage.'),
    ])
    await waitForRows(admin.client, workspaceId, 'agreement', 2)

    // SIGN13: the level-2 « Article » headings are the clauses; the title above them is one of its own.
    const { round } = await propose(steering, workspaceId, 'agreement', { name: 'Projet v1' })
    const all = ['Accord de consortium', 'Article 1 — Objet', 'Article 2 — Durée', 'Article 3 — Litiges']
    expect(round.clauses).toEqual(all)
    const first = await articles(round.id)
    expect(first.baseRoundId).toBeNull()
    expect(first.articles.map((x) => [x.key, x.status, x.needsApproval])).toEqual(all.map((key) => [key, 'added', true]))
    expect(first.articles[2]!.blocks.flatMap((b) => b.parts).map((p) => [p.op, p.text])).toEqual([
      ['insert', 'Article 2 — Durée'],
      ['insert', 'La convention est conclue pour trois ans.'],
    ])

    // SIGN14: an approval given article by article counts once every article of the round has it.
    await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
    const partial = await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve', clause: 'Article 1 — Objet' })
    expect(partial.status).toBe('open')
    expect(partial.outcome).toMatchObject({ adopted: false, approvals: 1 })
    expect(partial.votes.find((v) => v.partnerId === cityId)).toMatchObject({ vote: 'approve', approvedClauses: ['Article 1 — Objet'] })
    expect((await articles(round.id)).articles.map((x) => [x.key, x.approvedBy])).toEqual([
      ['Accord de consortium', [associationId]],
      ['Article 1 — Objet', [associationId, cityId]],
      ['Article 2 — Durée', [associationId]],
      ['Article 3 — Litiges', [associationId]],
    ])
    // Articles still wait for the city: its representative's request stays unread until the last one.
    const requests = async () => (await inbox(hugo.client, workspaceId, true)).filter((i) => i.kind === 'signoff.requested')
    expect(await requests()).toHaveLength(1)
    await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve', clause: 'Accord de consortium' })
    await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve', clause: 'Article 2 — Durée' })
    expect(await requests()).toHaveLength(1)
    const adopted = await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve', clause: 'Article 3 — Litiges' })
    expect(adopted.status).toBe('adopted')
    expect(await requests()).toEqual([])

    // An amendment changes articles 2 and 3: only they need a new approval, with their word diff.
    await steering.client.json('POST', api.unlock, undefined, 200)
    const stored = (await admin.client.json<{ edits: number }[]>('GET', api.history, undefined, 200)).reduce((n, s) => n + s.edits, 0)
    replaceIn(a.doc, 5, 'trois', 'cinq')
    replaceIn(a.doc, 7, 'au comité de pilotage', 'en médiation')
    await waitForRows(admin.client, workspaceId, 'agreement', stored + 2)
    const amendment = await propose(steering, workspaceId, 'agreement', { name: 'Avenant n°1' })
    expect(amendment.round.clauses).toEqual(['Article 2 — Durée', 'Article 3 — Litiges'])
    const state = await articles(amendment.round.id)
    expect(state.baseRoundId).toBe(round.id)
    expect(state.articles.map((x) => [x.key, x.status, x.needsApproval, x.approvedBy, x.keptFromRoundId])).toEqual([
      ['Accord de consortium', 'unchanged', false, [associationId, cityId], round.id],
      ['Article 1 — Objet', 'unchanged', false, [associationId, cityId], round.id],
      ['Article 2 — Durée', 'changed', true, [], null],
      ['Article 3 — Litiges', 'changed', true, [], null],
    ])
    expect(state.articles[0]!.blocks).toEqual([])
    const wordsOf = (key: string) =>
      state.articles
        .find((x) => x.key === key)!
        .blocks.flatMap((b) => b.parts)
        .filter((p) => p.op !== 'equal')
        .map((p) => [p.op, p.text])
    expect(wordsOf('Article 2 — Durée')).toEqual([
      ['delete', 'trois'],
      ['insert', 'cinq'],
    ])
    expect(wordsOf('Article 3 — Litiges')).toEqual([
      ['delete', 'au comité de pilotage'],
      ['insert', 'en médiation'],
    ])
    // An unchanged article keeps its approvals: it is not asked again.
    await expectError(
      await hugo.client.request('POST', api.votes(amendment.round.id), { vote: 'approve', clause: 'Article 1 — Objet' }),
      422,
      'validation_failed',
      'clause',
    )
    const half = await vote(hugo, workspaceId, 'agreement', amendment.round.id, { vote: 'approve', clause: 'Article 2 — Durée' })
    expect(half.status).toBe('open')
    expect((await articles(amendment.round.id)).articles.filter((x) => x.needsApproval).map((x) => [x.key, x.approvedBy])).toEqual([
      ['Article 2 — Durée', [cityId]],
      ['Article 3 — Litiges', []],
    ])
    expect((await vote(lina, workspaceId, 'agreement', amendment.round.id, { vote: 'approve' })).status).toBe('open')
    const amended = await vote(hugo, workspaceId, 'agreement', amendment.round.id, { vote: 'approve', clause: 'Article 3 — Litiges' })
    expect(amended.status).toBe('adopted')
    const rounds = await admin.client.json<SignoffRoundView[]>('GET', api.signoff, undefined, 200)
    expect(rounds.every((r) => r.audit.ok)).toBe(true)
  })

  it('[SIGN13] « Article N » headings at level 3, under level-2 titles, are clauses too', async () => {
    const { workspaceId, admin, steering } = await twoPartnerAlliance(server.url)
    const c = await connect(admin.client, workspaceId, 'convention')
    appendBlocks(c.doc, [
      heading(2, 'Titre I — Engagements'),
      heading(3, 'Article 1 — Objet'),
      block('paragraph', 'Coopérer.'),
      heading(3, 'Article 2 — Moyens'),
      block('paragraph', 'Mettre en commun.'),
      block('paragraph', 'Sans contrepartie.'),
      heading(2, 'Titre II — Fin'),
      heading(3, 'Article 3 — Durée'),
      block('paragraph', 'Trois ans.'),
    ])
    await waitForRows(admin.client, workspaceId, 'convention', 1)
    const { round } = await propose(steering, workspaceId, 'convention', { name: 'v1' })
    expect(round.clauses).toEqual(['Titre I — Engagements', 'Article 1 — Objet', 'Article 2 — Moyens', 'Titre II — Fin', 'Article 3 — Durée'])
  })

  it('[SIGN15] a draft exports to PDF, DOCX and ODT marked « Projet — version non adoptée » on every page; members only; not once adopted', async () => {
    const { workspaceId, admin, editor, steering, lina, hugo } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'charter')
    const draft = (format: string) => `${api.signoff.replace(/\/signoff$/, '')}/export-draft.${format}`
    const c = await connect(admin.client, workspaceId, 'charter')
    documentMetaOf(c.doc).set('title', 'Charte de l’alliance')
    // Long enough for several PDF pages.
    const paragraphs = Array.from({ length: 40 }, (_, i) =>
      block('paragraph', `Paragraphe ${i + 1} : les partenaires coopèrent avec confiance et transparence, chacun selon ses moyens et ses missions.`),
    )
    appendBlocks(c.doc, [heading(2, 'Article 1 — Valeurs'), ...paragraphs])
    await waitForRows(admin.client, workspaceId, 'charter', 2)

    // Rights as for the adopted export: a member reads it, someone outside the alliance does not.
    const outsider = await signUp(server.url, 'Oscar Dehors')
    expect((await outsider.client.request('GET', draft('pdf'))).status).toBe(404)

    const pdfRes = await editor.client.request('GET', draft('pdf'))
    expect(pdfRes.status).toBe(200)
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf')
    expect(pdfRes.headers.get('content-disposition')).toBe('attachment; filename="charter-draft.pdf"')
    const pdf = await pdfParse(Buffer.from(await pdfRes.arrayBuffer()))
    expect(pdf.numpages).toBeGreaterThanOrEqual(2)
    const pdfText = pdf.text.replace(/\s+/g, ' ')
    expect(pdfText).toContain('Charte de l’alliance')
    expect(pdfText).toContain('Paragraphe 40 : les partenaires')
    expect(pdfText).not.toContain('Page de signature')
    // Once at the top of each page, once in the subtitle.
    expect(pdfText.split(MARK).length - 1).toBe(pdf.numpages + 1)

    const docxRes = await editor.client.request('GET', draft('docx'))
    expect(docxRes.status).toBe(200)
    const docx = unzipSync(new Uint8Array(await docxRes.arrayBuffer()))
    const header = strFromU8(docx['word/header1.xml']!)
    expect(header).toContain(MARK)
    const documentXml = strFromU8(docx['word/document.xml']!)
    expect(documentXml).toContain('<w:headerReference w:type="default" r:id="rId2"/>')
    expect(strFromU8(docx['word/_rels/document.xml.rels']!)).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"',
    )
    expect(strFromU8(docx['[Content_Types].xml']!)).toContain('PartName="/word/header1.xml"')
    expect(documentXml).toContain('Paragraphe 40 : les partenaires')
    expect(documentXml).not.toContain('Page de signature')

    const odtRes = await editor.client.request('GET', draft('odt'))
    expect(odtRes.status).toBe(200)
    const odt = unzipSync(new Uint8Array(await odtRes.arrayBuffer()))
    const styles = strFromU8(odt['styles.xml']!)
    expect(styles).toMatch(new RegExp(`<style:master-page style:name="Standard"[^>]*><style:header><text:p>${MARK}`))
    expect(strFromU8(odt['META-INF/manifest.xml']!)).toContain('manifest:full-path="styles.xml"')
    expect(strFromU8(odt['content.xml']!)).toContain('Paragraphe 40 : les partenaires')

    // Adopted, the text exports as adopted only.
    const { round } = await propose(steering, workspaceId, 'charter', { name: 'v1' })
    await vote(lina, workspaceId, 'charter', round.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, 'charter', round.id, { vote: 'approve' })).status).toBe('adopted')
    await expectError(await editor.client.request('GET', draft('pdf')), 409, 'conflict', undefined, 'adopted_not_draft')
  })
})
