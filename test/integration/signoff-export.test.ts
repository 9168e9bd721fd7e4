import { createRequire } from 'node:module'
import { documentMetaOf } from '@ensemble/shared'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { expectError } from './comments-flow.ts'
import { appendBlocks, block, docApi, waitForRows } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

/** pdf-parse's library entry (its index runs a self-test on import), typed for what these tests read. */
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>

describe('export of the adopted version', () => {
  const server = serverPerSuite()
  const open: DocClient[] = []
  afterEach(() => {
    for (const client of open.splice(0)) client.destroy()
  })

  it('[SIGN6] the adopted version exports to PDF and ODT with a signature page: partners, representatives, approval dates and the content hash', async () => {
    const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'charter')
    await expectError(await admin.client.request('GET', api.export('pdf')), 404, 'not_found')
    const a = await connectDoc(admin.client, workspaceId, 'charter')
    open.push(a)
    await a.synced()
    documentMetaOf(a.doc).set('title', 'Charte de l’alliance')
    appendBlocks(a.doc, [block('heading', 'Article 1 — Valeurs'), block('paragraph', 'Coopération, confiance et transparence entre partenaires.')])
    await waitForRows(admin.client, workspaceId, 'charter', 2)
    const { round } = await propose(steering, workspaceId, 'charter', { name: 'Charte v1' })
    await vote(lina, workspaceId, 'charter', round.id, { vote: 'approve' })
    const adopted = await vote(hugo, workspaceId, 'charter', round.id, { vote: 'approve' })
    expect(adopted.status).toBe('adopted')
    const today = adopted.closedAt!.slice(0, 10)

    const pdfRes = await admin.client.request('GET', api.export('pdf'))
    expect(pdfRes.status).toBe(200)
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf')
    const pdf = await pdfParse(Buffer.from(await pdfRes.arrayBuffer()))
    expect(pdf.numpages).toBeGreaterThanOrEqual(2)
    const pdfText = pdf.text.replace(/\s+/g, ' ')
    for (const expected of ['Charte de l’alliance', 'Article 1 — Valeurs', 'Coopération, confiance', 'Association Littoral', 'Ville de Lille', 'Lina Association', 'Hugo Ville', today, round.contentHash]) {
      expect(pdfText).toContain(expected)
    }

    const odtRes = await admin.client.request('GET', api.export('odt'))
    expect(odtRes.status).toBe(200)
    expect(odtRes.headers.get('content-type')).toBe('application/vnd.oasis.opendocument.text')
    const bytes = new Uint8Array(await odtRes.arrayBuffer())
    // ODF: the first entry is the uncompressed mimetype, readable at a fixed offset.
    expect(strFromU8(bytes.subarray(30, 38))).toBe('mimetype')
    const files = unzipSync(bytes)
    expect(strFromU8(files.mimetype!)).toBe('application/vnd.oasis.opendocument.text')
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['content.xml', 'META-INF/manifest.xml']))
    const content = strFromU8(files['content.xml']!)
    for (const expected of ['Charte de l’alliance', 'Article 1 — Valeurs', 'Association Littoral', 'Ville de Lille', 'Lina Association', 'Hugo Ville', today, round.contentHash]) {
      expect(content).toContain(expected)
    }
  })
})
