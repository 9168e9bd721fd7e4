import { actionsOf, contentOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalJson, documentJson } from '@ensemble/server/domain'
import { createAlliance } from '../helpers/alliance.ts'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { expectError } from './comments-flow.ts'
import { appendBlocks, block, blockText, docApi, setTitle, startPlan, waitForRows, type SessionView } from './history-flow.ts'

describe('history and named versions', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[HIST2] history attributes every change to its author across three authors, in sessions, with per-field sentences for an action', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['steering', 'steering'])
    const [claire, malik] = members as [(typeof members)[0], (typeof members)[0]]
    const api = docApi(workspaceId, 'plan')
    const a = await connect(admin.client, workspaceId, 'plan')
    startPlan(a.doc, {
      title: 'Classes de mer',
      order: 'a0',
      status: 'planned',
      start: '2026-01-15',
      deadline: '2026-03-01',
      accountable: claire.userId,
      responsible: [malik.userId],
    })
    await waitForRows(admin.client, workspaceId, 'plan', 1)
    expect(a.errors).toEqual([])

    const c = await connect(claire.client, workspaceId, 'plan')
    actionsOf(c.doc).get('a1')!.set('deadline', '2026-04-15')
    await waitForRows(admin.client, workspaceId, 'plan', 2)
    const m = await connect(malik.client, workspaceId, 'plan')
    actionsOf(m.doc).get('a1')!.set('title', 'Classes de mer 2026')
    const sessions = await waitForRows(admin.client, workspaceId, 'plan', 3)
    expect(a.errors.concat(c.errors, m.errors)).toEqual([])

    // One session per author, in order, each knowing what it touched.
    expect(sessions.map((s) => s.author.id)).toEqual([admin.userId, claire.userId, malik.userId])
    expect(sessions[1]).toMatchObject({ author: { name: 'Membre 0 steering', partnerName: 'Association Littoral' }, edits: 1, touched: ['actions/a1'] })
    expect(sessions[0]!.touched).toEqual(expect.arrayContaining(['actions/a1', 'meta/title']))

    const history = await admin.client.json<
      { kind: string; field: string | null; before: unknown; after: unknown; author: { id: string }; text: { fr: string; en: string } }[]
    >('GET', api.action('a1'), undefined, 200)
    expect(history.map((h) => [h.kind, h.field, h.author.id])).toEqual([
      ['created', null, admin.userId],
      ['changed', 'deadline', claire.userId],
      ['changed', 'title', malik.userId],
    ])
    expect(history[1]).toMatchObject({ before: '2026-03-01', after: '2026-04-15' })
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date())
    expect(history[1]!.text.en).toBe(`deadline moved from 1 March to 15 April by Membre 0 steering (Association Littoral), ${day}`)
    expect(history[1]!.text.fr).toMatch(/^échéance déplacée du 1 mars au 15 avril par Membre 0 steering \(Association Littoral\), /)
    expect(history[2]!.text.en).toMatch(/^title changed from Classes de mer to Classes de mer 2026 by Membre 1 steering/)

    // Sessions split where an author changes or after a pause longer than the gap.
    await expectError(await admin.client.request('GET', `${api.history}?gapMinutes=0`), 422, 'validation_failed', 'gapMinutes')
    await expectError(await admin.client.request('GET', api.action('nope')), 404, 'not_found')
    await expectError(await admin.client.request('GET', docApi(workspaceId, 'secrets').history), 404, 'not_found')
  })

  it('[HIST3] a named version is viewed read-only, diffed word by word against another, and restored byte for byte as a new edit on top', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor', 'steering'])
    const [editor, steering] = members as [(typeof members)[0], (typeof members)[0]]
    const api = docApi(workspaceId, 'charter')
    const a = await connect(admin.client, workspaceId, 'charter')
    setTitle(a.doc, 'Charte')
    appendBlocks(a.doc, [block('heading', 'Article 1 — Objet'), block('paragraph', 'Les partenaires coopèrent pour les classes de mer.')])
    await waitForRows(admin.client, workspaceId, 'charter', 2)
    const v1 = await editor.client.json<{ id: string; rowId: number; contentHash: string }>(
      'POST',
      api.versions,
      { name: 'Projet v1 — envoyé aux partenaires' },
      201,
    )
    const v1Json = await admin.client.json<{ document: unknown }>('GET', api.version(v1.id), undefined, 200)

    // Later edits: a word changes, a clause is added.
    const text = blockText(a.doc, 1)
    a.doc.transact(() => {
      text.delete(text.toString().indexOf('classes'), 'classes'.length)
      text.insert(text.toString().indexOf(' de mer'), 'sorties')
    })
    appendBlocks(a.doc, [block('heading', 'Article 2 — Durée'), block('paragraph', 'Trois ans.')])
    await waitForRows(admin.client, workspaceId, 'charter', 4)
    const v2 = await admin.client.json<{ id: string; rowId: number }>('POST', api.versions, { name: 'Projet v2' }, 201)
    expect(v2.rowId).toBeGreaterThan(v1.rowId)
    const listed = await admin.client.json<{ id: string; name: string }[]>('GET', api.versions, undefined, 200)
    expect(listed.map((v) => v.name)).toEqual(['Projet v1 — envoyé aux partenaires', 'Projet v2'])

    const diff = await admin.client.json<{ blocks: { status: string; type: string; parts: { text: string; op: string }[] }[]; entries: unknown[] }>(
      'GET',
      api.diff(v1.id, v2.id),
      undefined,
      200,
    )
    expect(diff.blocks.map((b) => [b.type, b.status])).toEqual([
      ['heading', 'equal'],
      ['paragraph', 'changed'],
      ['heading', 'inserted'],
      ['paragraph', 'inserted'],
    ])
    const changed = diff.blocks[1]!.parts
    expect(changed.filter((p) => p.op === 'delete').map((p) => p.text.trim())).toEqual(['classes'])
    expect(changed.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual(['sorties'])
    expect(diff.entries).toEqual([])

    // A version can also name a past row of the log.
    const past = await admin.client.json<{ id: string; rowId: number }>('POST', api.versions, { name: 'Titre seul', rowId: v1.rowId - 1 }, 201)
    const pastDoc = await admin.client.json<{ document: { content: unknown[]; meta: { title: string } } }>('GET', api.version(past.id), undefined, 200)
    expect(pastDoc.document).toEqual({ content: [], meta: { title: 'Charte' } })
    await expectError(await admin.client.request('POST', api.versions, { name: 'x', rowId: 999_999_999 }), 422, 'validation_failed', 'rowId')

    // Editors name versions but do not restore; steering restores.
    await expectError(await editor.client.request('POST', api.restore(v1.id)), 403, 'forbidden')
    const restored = await steering.client.json<{ document: unknown }>('POST', api.restore(v1.id), undefined, 200)
    expect(canonicalJson(restored.document)).toBe(canonicalJson(v1Json.document))
    // Every replica converges on it, and the log shows the restore by its author on top.
    await waitFor(() => canonicalJson(documentJson(a.doc, 'charter')) === canonicalJson(v1Json.document), { message: 'restore reached the client' })
    expect(contentOf(a.doc).length).toBe(2)
    const sessions = await admin.client.json<SessionView[]>('GET', api.history, undefined, 200)
    expect(sessions.at(-1)).toMatchObject({ author: { id: steering.userId }, touched: ['content'] })
    const again = await admin.client.json<{ id: string; contentHash: string }>('POST', api.versions, { name: 'Après restauration' }, 201)
    expect(again.contentHash).toBe(v1.contentHash)
    await expectError(await admin.client.request('GET', api.version('unknown')), 404, 'not_found')
  })

  it('[HIST4] a document rebuilt from its log alone matches the live document, compacted or not (live documents keep gc)', async () => {
    const { workspaceId, admin } = await createAlliance(server.url)
    const api = docApi(workspaceId, 'vision')
    const a = await connect(admin.client, workspaceId, 'vision')
    appendBlocks(a.doc, [block('paragraph', 'Une alliance pour le littoral.')])
    const text = blockText(a.doc, 0)
    for (let i = 0; i < 5; i++) text.insert(text.length, ` ${i}`)
    text.delete(0, 4)
    await waitForRows(admin.client, workspaceId, 'vision', 7)
    const version = await admin.client.json<{ id: string }>('POST', api.versions, { name: 'Maintenant' }, 201)
    const { document } = await admin.client.json<{ document: unknown }>('GET', api.version(version.id), undefined, 200)
    expect(canonicalJson(document)).toBe(canonicalJson(documentJson(a.doc, 'vision')))
    expect(new Y.Doc().gc).toBe(true)
  })
})
