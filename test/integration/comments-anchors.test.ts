import { contentOf } from '@ensemble/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAnchor, resolveAnchor } from '../../client/src/features/comments/anchors.ts'
import { headlessDocument } from '../../client/src/features/comments/headlessDocument.ts'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createThread, getThread } from './comments-flow.ts'

/**
 * Comment anchors on real replicas: two WebsocketProviders on the agreement, the editor's own schema
 * and Yjs → ProseMirror mapping (built headless), and the client's anchor functions.
 */

const ARTICLE_1 = 'Article 1 — Les partenaires mettent en commun leurs moyens.'
const ARTICLE_2 = 'Article 2 — La convention court trois ans.'

/** Two paragraphs of text, as the editor stores them. */
function writeArticles(doc: Y.Doc): void {
  doc.transact(() => {
    const paragraphs = [ARTICLE_1, ARTICLE_2].map((text) => {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(text)])
      return p
    })
    contentOf(doc).insert(0, paragraphs)
  })
}

/** The XmlText of the n-th paragraph. */
const textOf = (doc: Y.Doc, paragraph: number): Y.XmlText => (contentOf(doc).get(paragraph) as Y.XmlElement).get(0) as Y.XmlText

/** The ProseMirror range of `needle` in the document, as a selection would give it. */
function rangeOf(doc: Y.Doc, needle: string): { from: number; to: number } {
  const pm = headlessDocument(contentOf(doc)).doc
  let found: { from: number; to: number } | null = null
  pm.descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(needle) : -1
    if (at >= 0 && !found) found = { from: pos + at, to: pos + at + needle.length }
  })
  if (!found) throw new Error(`"${needle}" not in the document`)
  return found
}

/** The anchor as one replica sees it: its state, and the text it covers when live. */
function seen(doc: Y.Doc, anchor: { from: string; to: string }) {
  const { doc: pm, mapping } = headlessDocument(contentOf(doc))
  const state = resolveAnchor(anchor, contentOf(doc), mapping)
  return state.kind === 'live' ? { kind: state.kind, text: pm.textBetween(state.from, state.to) } : { kind: state.kind }
}

const plain = (doc: Y.Doc) =>
  contentOf(doc)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? '')

describe('comment anchors follow the text (real providers)', () => {
  const server = serverPerSuite()
  const open: DocClient[] = []
  afterEach(() => {
    for (const c of open.splice(0)) c.destroy()
  })

  async function connect(client: HttpClient, workspaceId: string, doc?: Y.Doc): Promise<DocClient> {
    const c = await connectDoc(client, workspaceId, 'agreement', doc)
    open.push(c)
    await c.synced()
    return c
  }

  it('[COMM9] an anchor follows its text through concurrent edits before, inside and at the edges of the range, from two clients, and the server keeps it', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const a = await connect(admin.client, workspaceId)
    const b = await connect(editor.client, workspaceId)
    writeArticles(a.doc)
    await waitFor(() => plain(b.doc).join() === [ARTICLE_1, ARTICLE_2].join(), { message: 'B has the articles' })

    // A selects a clause and comments it; the server stores the anchor as sent.
    const clause = 'mettent en commun'
    const { from, to } = rangeOf(a.doc, clause)
    const anchor = encodeAnchor(contentOf(a.doc), headlessDocument(contentOf(a.doc)).mapping, from, to, clause)
    expect(anchor.quote).toBe(clause)
    const { thread } = await createThread(admin.client, workspaceId, { targetKind: 'document', docName: 'agreement', anchor, body: 'À préciser' })
    expect(thread.anchor).toEqual(anchor)
    expect(seen(b.doc, anchor)).toEqual({ kind: 'live', text: clause })

    // B goes offline; both edit the same paragraph without seeing each other.
    b.destroy()
    const offline = b.doc
    const a1 = textOf(a.doc, 0)
    a1.insert(0, 'Préambule. ') // before the range
    a1.insert(a1.toString().indexOf('en commun'), 'vraiment ') // inside
    const b1 = textOf(offline, 0)
    b1.insert(b1.toString().indexOf('commun'), 'tout ') // inside
    b1.insert(b1.toString().indexOf('mettent'), 'toujours ') // at the start edge
    b1.insert(b1.toString().indexOf(' leurs'), ' et durablement') // at the end edge
    textOf(offline, 1).insert(0, 'Nota : ') // another paragraph
    // Before they meet, each replica already reads its own version of the clause.
    expect(seen(a.doc, anchor)).toEqual({ kind: 'live', text: 'mettent vraiment en commun' })
    expect(seen(offline, anchor)).toEqual({ kind: 'live', text: 'mettent en tout commun' })

    const b2 = await connect(editor.client, workspaceId, offline)
    await waitFor(() => plain(a.doc).join() === plain(b2.doc).join() && plain(a.doc)[1]!.startsWith('Nota'), { message: 'replicas converge' })
    expect(plain(a.doc)[0]).toBe('Préambule. Article 1 — Les partenaires toujours mettent vraiment en tout commun et durablement leurs moyens.')
    for (const doc of [a.doc, b2.doc]) expect(seen(doc, anchor)).toEqual({ kind: 'live', text: 'mettent vraiment en tout commun' })
    expect(b2.errors).toEqual([])

    // The anchor read back from the server resolves the same way on a fresh replica.
    const fresh = await connect(editor.client, workspaceId)
    const stored = (await getThread(editor.client, workspaceId, thread.id)).thread.anchor as { from: string; to: string }
    expect(seen(fresh.doc, stored)).toEqual({ kind: 'live', text: 'mettent vraiment en tout commun' })
  })

  it('[COMM10] deleting the anchored text collapses the anchor on every replica and the thread is orphaned with its quote; an anchor on text not yet received is pending, never orphaned', async () => {
    const { workspaceId, admin, members } = await createAlliance(server.url, ['editor'])
    const editor = members[0]!
    const a = await connect(admin.client, workspaceId)
    const b = await connect(editor.client, workspaceId)

    // B is offline when A writes and anchors: B cannot resolve the anchor yet, and must not call it gone.
    b.destroy()
    writeArticles(a.doc)
    const inFirst = rangeOf(a.doc, 'en commun')
    const mapping = headlessDocument(contentOf(a.doc)).mapping
    const clause = encodeAnchor(contentOf(a.doc), mapping, inFirst.from, inFirst.to, 'en commun')
    const second = rangeOf(a.doc, 'trois ans')
    const paragraph = encodeAnchor(contentOf(a.doc), mapping, second.from, second.to, 'trois ans')
    expect(seen(b.doc, clause)).toEqual({ kind: 'pending' })
    const b2 = await connect(editor.client, workspaceId, b.doc)
    await waitFor(() => seen(b2.doc, clause).kind === 'live', { message: 'B resolves the anchor once synced' })

    const { thread } = await createThread(admin.client, workspaceId, { targetKind: 'document', docName: 'agreement', anchor: clause, body: 'Ce passage ?' })

    // B deletes exactly the anchored characters (then retypes other words there); A removes the
    // second paragraph entirely.
    const t1 = textOf(b2.doc, 0)
    const at = t1.toString().indexOf('en commun')
    b2.doc.transact(() => {
      t1.delete(at, 'en commun'.length)
      t1.insert(at, 'ensemble')
    })
    contentOf(a.doc).delete(1, 1)
    await waitFor(() => plain(a.doc).join() === plain(b2.doc).join() && plain(a.doc).length === 1, { message: 'replicas converge' })
    for (const doc of [a.doc, b2.doc]) {
      expect(seen(doc, clause)).toEqual({ kind: 'gone' })
      expect(seen(doc, paragraph)).toEqual({ kind: 'gone' })
    }

    // What the client does then: mark the thread orphaned with the quote it last saw.
    await editor.client.json('POST', `/api/workspaces/${workspaceId}/comments/threads/${thread.id}/orphan`, { quote: 'en commun' }, 200)
    const after = await getThread(admin.client, workspaceId, thread.id)
    expect(after.thread).toMatchObject({ orphaned: true, quote: 'en commun', status: 'open' })
  })
})
