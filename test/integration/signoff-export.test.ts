import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { documentMetaOf } from '@ensemble/shared'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR } from '../helpers/browser.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { expectError } from './comments-flow.ts'
import { appendBlocks, block, docApi, waitForRows } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

/** pdf-parse's library entry (its index runs a self-test on import), typed for what these tests read. */
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>

describe('export of the adopted version', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  /**
   * Two partners adopt `docName` (titled, with one clause) after checking that nothing exports before
   * adoption in `format`; the round, the alliance, and the audit chain's head at export time.
   */
  async function adoptedDocument(docName: string, title: string, paragraph: string, format: 'pdf' | 'docx') {
    const alliance = await twoPartnerAlliance(server.url)
    const { workspaceId, admin, steering, lina, hugo } = alliance
    const api = docApi(workspaceId, docName)
    await expectError(await admin.client.request('GET', api.export(format)), 404, 'not_found')
    const a = await connect(admin.client, workspaceId, docName)
    documentMetaOf(a.doc).set('title', title)
    appendBlocks(a.doc, [block('heading', 'Article 1 — Valeurs'), block('paragraph', paragraph)])
    await waitForRows(admin.client, workspaceId, docName, 2)
    const { round } = await propose(steering, workspaceId, docName, { name: 'Version 1' })
    await vote(lina, workspaceId, docName, round.id, { vote: 'approve' })
    const adopted = await vote(hugo, workspaceId, docName, round.id, { vote: 'approve' })
    expect(adopted.status).toBe('adopted')
    // The audit chain's head at export time is printed too, for `audit:verify --head` (SIGN12).
    const head = (await admin.client.json<{ hash: string }[]>('GET', api.audit, undefined, 200)).at(-1)!.hash
    return { ...alliance, api, round, adopted, head }
  }

  it('[SIGN6] the adopted version exports to PDF and ODT with a signature page: partners, representatives, approval dates and the content hash', async () => {
    const { admin, api, round, adopted, head } = await adoptedDocument(
      'charter',
      'Charte de l’alliance',
      'Coopération, confiance et transparence entre partenaires.',
      'pdf',
    )
    const today = adopted.closedAt!.slice(0, 10)

    const pdfRes = await admin.client.request('GET', api.export('pdf'))
    expect(pdfRes.status).toBe(200)
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf')
    const pdfBytes = Buffer.from(await pdfRes.arrayBuffer())
    dump('charter-adopted.pdf', pdfBytes)
    const pdf = await pdfParse(pdfBytes)
    expect(pdf.numpages).toBeGreaterThanOrEqual(2)
    const pdfText = pdf.text.replace(/\s+/g, ' ')
    for (const expected of [
      'Charte de l’alliance',
      'Article 1 — Valeurs',
      'Coopération, confiance',
      'Association Littoral',
      'Ville de Lille',
      'Lina Association',
      'Hugo Ville',
      today,
      round.contentHash,
      head,
    ]) {
      expect(pdfText).toContain(expected)
    }

    const odtRes = await admin.client.request('GET', api.export('odt'))
    expect(odtRes.status).toBe(200)
    expect(odtRes.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text')
    const bytes = new Uint8Array(await odtRes.arrayBuffer())
    dump('charter-adopted.odt', bytes)
    // ODF: the first entry is the uncompressed mimetype, readable at a fixed offset.
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype')
    const files = unzipSync(bytes)
    expect(strFromU8(files.mimetype!)).toBe('application/vnd.oasis.opendocument.text')
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['content.xml', 'META-INF/manifest.xml']))
    const content = strFromU8(files['content.xml']!)
    for (const expected of [
      'Charte de l’alliance',
      'Article 1 — Valeurs',
      'Association Littoral',
      'Ville de Lille',
      'Lina Association',
      'Hugo Ville',
      today,
      round.contentHash,
      head,
    ]) {
      expect(content).toContain(expected)
    }
    expectWellFormed(content)
  })

  it('[SIGN11] the adopted version exports to DOCX with the same signature page: each partner, its representative, its answer and date, the content hash and the audit head', async () => {
    const { editor, api, round, adopted, head } = await adoptedDocument(
      'agreement',
      'Accord de consortium <Littoral & Ville>',
      'Les partenaires mettent en commun leurs moyens « pour la mer ».',
      'docx',
    )

    const res = await editor.client.request('GET', api.export('docx'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="agreement-adopted.docx"')
    const docx = new Uint8Array(await res.arrayBuffer())
    dump('agreement-adopted.docx', docx)
    const files = unzipSync(docx)
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/styles.xml',
    ])
    for (const part of Object.values(files)) expectWellFormed(strFromU8(part))
    // Every part the package names has its content type, and the main part is where the relationships say.
    expect(strFromU8(files['[Content_Types].xml']!)).toContain(
      'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"',
    )
    expect(strFromU8(files['_rels/.rels']!)).toContain('Target="word/document.xml"')
    const xml = strFromU8(files['word/document.xml']!)
    // The text, as Word reads it: the runs' text of each paragraph, XML entities decoded.
    const paragraphs = [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((p) =>
      [...p[1]!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
    )
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'Accord de consortium <Littoral & Ville>',
        'Article 1 — Valeurs',
        'Les partenaires mettent en commun leurs moyens « pour la mer ».',
      ]),
    )
    // The signature page starts on a new page, with one table row per partner.
    const signaturePage = xml.slice(xml.indexOf('<w:pageBreakBefore/>'))
    const rows = [...signaturePage.matchAll(/<w:tr>(.*?)<\/w:tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)),
    )
    const day = (at: string | null) => at!.slice(0, 10)
    expect(rows.slice(1)).toEqual([
      ['Association Littoral', 'Lina Association', 'Approuvé / Approved', day(adopted.votes[0]!.at)],
      ['Ville de Lille', 'Hugo Ville', 'Approuvé / Approved', day(adopted.votes[1]!.at)],
    ])
    expect(paragraphs).toContain(round.contentHash)
    expect(paragraphs).toContain(head)
    expect(strFromU8(files['docProps/core.xml']!)).toContain(`<dc:description>${round.contentHash}</dc:description>`)
  })
})

/** The exports are kept in test/artifacts (git-ignored), to be opened by hand in an office suite. */
function dump(name: string, bytes: Uint8Array): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  writeFileSync(path.join(ARTIFACTS_DIR, name), bytes)
}

const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!)

/** Fails unless `xml` is well formed enough for an office suite: tags balance, attributes are quoted, only XML's own entities. */
function expectWellFormed(xml: string): void {
  const open: string[] = []
  const body = xml.replace(/^<\?xml[^?]*\?>/, '')
  for (const match of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos);)/g)) {
    const [whole, closing, name, , selfClosing] = match
    expect(whole === '<' || whole === '&', `stray markup at ${match.index}: ${body.slice(match.index!, match.index! + 40)}`).toBe(false)
    if (selfClosing) continue
    if (closing) expect(open.pop(), `closing </${name}> at ${match.index}`).toBe(name)
    else open.push(name!)
  }
  expect(open).toEqual([])
}
