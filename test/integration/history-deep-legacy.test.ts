import { createRequire } from 'node:module'
import { contentOf, documentMetaOf, LIMITS } from '@ensemble/shared'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { block, docApi, waitForRows, type SessionView } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>

/** The marker readers put before flattened content (server/src/domain/history/readDepth.ts), as a member reads it. */
const FLATTENED = 'contenu trop imbriqué, aplati'
const DEPTH = 2_500

/**
 * An agreement as a legacy store may hold it, written before nesting was bounded at decode: a title,
 * a clause, and 2,500 blockquotes nested in each other around a last paragraph (52 KB, as in issue 26).
 */
function legacyAgreement(): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 424242
  doc.transact(() => {
    documentMetaOf(doc).set('title', 'Convention de consortium')
    let inner: Y.XmlElement = new Y.XmlElement('blockquote')
    contentOf(doc).insert(0, [block('heading', 'Article 1'), block('paragraph', 'Les partenaires coopèrent.'), inner])
    for (let i = 1; i < DEPTH; i++) {
      const next = new Y.XmlElement('blockquote')
      inner.insert(0, [next])
      inner = next
    }
    inner.insert(0, [block('paragraph', 'Au fond du puits.')])
  })
  return Y.encodeStateAsUpdate(doc)
}

/** Nesting of a JSON value (objects and arrays), measured without recursion. */
function jsonDepth(value: unknown): number {
  let max = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [next, depth] = stack.pop()!
    if (next === null || typeof next !== 'object') continue
    max = Math.max(max, depth)
    for (const child of Object.values(next)) stack.push([child, depth + 1])
  }
  return max
}

describe('a legacy document nested deeper than the limit', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[LOOP1] [LOOP2] 2,500 nested blockquotes written straight into the store: history, versions, diff, proposal, adoption and the three exports answer 2xx with the deep part flattened behind a marker; deleting the block repairs the current state', {
    timeout: 120_000,
  }, async () => {
    const { workspaceId, admin, steering, editor, lina, hugo } = await twoPartnerAlliance(server.url)
    const docName = 'agreement'
    const api = docApi(workspaceId, docName)
    // Written as a legacy store would hold it: straight into the log, past every check of the edit pipeline.
    await server.server.store.append({ workspaceId, docName }, legacyAgreement(), admin.userId)

    const sessions = await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)
    expect(sessions.map((s) => s.author.id)).toEqual([admin.userId])
    const named = await admin.client.json<{ id: string; contentHash: string }>('POST', api.versions, { name: 'Avant réparation' }, 201)
    const viewed = await admin.client.json<{ document: { content: { type: string }[] } }>('GET', api.version(named.id), undefined, 200)
    expect(viewed.document.content.map((node) => node.type)).toEqual(['heading', 'paragraph', 'blockquote'])
    const shown = JSON.stringify(viewed.document)
    expect(shown).toContain(FLATTENED)
    expect(shown).toContain('Au fond du puits.')
    // Bounded: the limit's elements, each an object and its content array, and a few levels more.
    expect(jsonDepth(viewed.document)).toBeLessThanOrEqual(2 * LIMITS.maxNestingDepth + 8)

    // A live edit beside the deep block (the room opens the legacy document), then the diff shows it.
    const writer = await connect(editor.client, workspaceId, docName)
    contentOf(writer.doc).insert(3, [block('paragraph', 'Clause ajoutée.')])
    await waitForRows(admin.client, workspaceId, docName, 2)
    const diff = await admin.client.json<{ blocks: { status: string; parts: { text: string }[] }[] }>('GET', api.diff(named.id, 'current'), undefined, 200)
    expect(diff.blocks.map((b) => b.status)).toEqual(['equal', 'equal', 'equal', 'inserted'])
    expect(diff.blocks[2]!.parts[0]!.text).toContain(FLATTENED)

    // Sign-off reads, hashes and restores the same bounded view; the partners adopt it.
    const { round } = await propose(steering, workspaceId, docName, { name: 'Version à signer' })
    expect(round.clauses).toEqual(['Article 1'])
    await vote(lina, workspaceId, docName, round.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, docName, round.id, { vote: 'approve' })).status).toBe('adopted')
    const pdf = await admin.client.request('GET', api.export('pdf'))
    expect(pdf.status).toBe(200)
    expect((await pdfParse(Buffer.from(await pdf.arrayBuffer()))).text.replace(/\s+/g, ' ')).toContain('Au fond du puits.')
    for (const [format, part] of [
      ['odt', 'content.xml'],
      ['docx', 'word/document.xml'],
    ] as const) {
      const res = await admin.client.request('GET', api.export(format))
      expect(res.status, format).toBe(200)
      expect(strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))[part]!), format).toContain(FLATTENED)
    }

    // Unlocked for an amendment, an editor deletes the block: the current state reads whole again.
    await steering.client.json('POST', api.unlock, undefined, 200)
    await waitFor(() => documentMetaOf(writer.doc).get('status') === 'draft', { message: 'unlocked on the client' })
    const rows = (await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)).reduce((n, s) => n + s.edits, 0)
    contentOf(writer.doc).delete(2, 1)
    await waitForRows(admin.client, workspaceId, docName, rows + 1)
    expect(writer.errors).toEqual([])
    const repaired = await admin.client.json<{ id: string }>('POST', api.versions, { name: 'Réparée' }, 201)
    const now = await admin.client.json<{ document: { content: unknown[] } }>('GET', api.version(repaired.id), undefined, 200)
    expect(JSON.stringify(now.document)).not.toContain(FLATTENED)
    expect(now.document.content).toHaveLength(3)
    const reader = await connect(admin.client, workspaceId, docName)
    expect(
      contentOf(reader.doc)
        .toArray()
        .map((node) => (node as Y.XmlElement).nodeName),
    ).toEqual(['heading', 'paragraph', 'paragraph'])
  })
})
