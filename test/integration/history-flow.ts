import { actionsOf, buildAction, contentOf, documentMetaOf, planMetaOf } from '@ensemble/shared'
import * as Y from 'yjs'
import { connectDoc } from '../helpers/collab.ts'
import type { HttpClient } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** REST paths of one document's history, versions and sign-off. */
export const docApi = (workspaceId: string, docName: string) => {
  const base = `/api/workspaces/${workspaceId}/documents/${encodeURIComponent(docName)}`
  return {
    history: `${base}/history`,
    action: (actionId: string) => `${base}/actions/${actionId}/history`,
    versions: `${base}/versions`,
    version: (id: string) => `${base}/versions/${id}`,
    restore: (id: string) => `${base}/versions/${id}/restore`,
    diff: (from: string, to: string) => `${base}/diff?from=${from}&to=${to}`,
    signoff: `${base}/signoff`,
    proposals: `${base}/signoff/proposals`,
    votes: (roundId: string) => `${base}/signoff/rounds/${roundId}/votes`,
    withdraw: (roundId: string) => `${base}/signoff/rounds/${roundId}/withdraw`,
    unlock: `${base}/signoff/unlock`,
    audit: `${base}/signoff/audit`,
    export: (format: 'pdf' | 'odt' | 'docx') => `${base}/export.${format}`,
  }
}

export interface SessionView {
  author: { id: string | null; name: string; partnerName: string | null }
  firstRowId: number
  lastRowId: number
  edits: number
  touched: string[]
}

/** Waits until the server has stored at least `count` log rows of the document. */
export async function waitForRows(client: HttpClient, workspaceId: string, docName: string, count: number): Promise<SessionView[]> {
  return waitFor(
    async () => {
      const sessions = await client.json<SessionView[]>('GET', docApi(workspaceId, docName).history, undefined, 200)
      return sessions.reduce((n, s) => n + s.edits, 0) >= count ? sessions : null
    },
    { message: `${count} stored rows of ${docName}` },
  )
}

/** A heading (level 1) or paragraph with plain text, as the editor stores it. */
export function block(type: 'heading' | 'paragraph', text: string): Y.XmlElement {
  const element = new Y.XmlElement(type)
  if (type === 'heading') element.setAttribute('level', 1 as unknown as string)
  element.insert(0, [new Y.XmlText(text)])
  return element
}

/** Appends blocks to a rich text (one transaction, one stored row). */
export function appendBlocks(doc: Y.Doc, blocks: Y.XmlElement[]): void {
  const content = contentOf(doc)
  content.insert(content.length, blocks)
}

/** Writes `blocks` into a document through a provider of `client`, waits until stored, disconnects. */
export async function writeBlocks(client: HttpClient, workspaceId: string, docName: string, blocks: Y.XmlElement[]): Promise<void> {
  const writer = await connectDoc(client, workspaceId, docName)
  try {
    await writer.synced()
    const stored = (await client.json<SessionView[]>('GET', docApi(workspaceId, docName).history, undefined, 200)).reduce((n, s) => n + s.edits, 0)
    appendBlocks(writer.doc, blocks)
    await waitForRows(client, workspaceId, docName, stored + 1)
  } finally {
    writer.destroy()
  }
}

/** Sets a rich text's title (one transaction). */
export function setTitle(doc: Y.Doc, title: string): void {
  documentMetaOf(doc).set('title', title)
}

/** The text of the `index`-th block. */
export const blockText = (doc: Y.Doc, index: number): Y.XmlText => (contentOf(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText

/** Starts a plan (title, 2026–2027) with one action `a1`, in one transaction (one stored row). */
export function startPlan(doc: Y.Doc, action: Parameters<typeof buildAction>[0]): void {
  doc.transact(() => {
    const meta = planMetaOf(doc)
    meta.set('title', 'Plan')
    meta.set('start', '2026-01-01')
    meta.set('end', '2027-12-31')
    actionsOf(doc).set('a1', buildAction(action))
  })
}
