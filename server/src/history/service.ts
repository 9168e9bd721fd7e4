import { can, docKind, newId, readDocumentMeta, type CreateVersionInput, type DocumentStatus } from '@ensemble/shared'
import type { Kysely, Selectable } from 'kysely'
import type * as Y from 'yjs'
import type { RoomRegistry } from '../collab/rooms.ts'
import { documentRows } from '../db/documentRows.ts'
import type { Database, DocumentVersionTable } from '../db/schema.ts'
import { systemClock, type Clock } from '../domain/clock.ts'
import type { Membership } from '../domain/members.ts'
import { AppError, forbidden, notFound, validationFailed } from '../errors.ts'
import type { DocKey, DocStore, LogRow } from '../storage/docStore.ts'
import { authorLabel, loadAuthors, type Author } from './authors.ts'
import { contentHash } from './clauses.ts'
import { describeFieldChange } from './describe.ts'
import { diffDocuments, type DocumentDiff } from './diff.ts'
import { documentJson, type DocumentJson } from './documentJson.ts'
import { actionFieldHistory } from './fieldHistory.ts'
import { stateAt } from './replay.ts'
import { restoreInto } from './restore.ts'
import { SessionCache } from './sessionCache.ts'
import { groupSessions, SESSION_GAP_MS } from './sessions.ts'

export interface AuthorView {
  id: string | null
  name: string
  partnerName: string | null
}

export interface VersionView {
  id: string
  docName: string
  name: string
  rowId: number
  contentHash: string
  createdBy: string
  createdAt: string
}

type VersionRow = Selectable<DocumentVersionTable>

export const documentLocked = () =>
  new AppError(409, 'document_locked', 'This document is adopted: it accepts no edit until a steering member unlocks it for an amendment.')

const toView = (row: VersionRow): VersionView => ({
  id: row.id,
  docName: row.doc_name,
  name: row.name,
  rowId: Number(row.log_id),
  contentHash: row.content_hash,
  createdBy: row.created_by,
  createdAt: row.created_at,
})

/** A path's document name, or 404. */
export function checkDocName(docName: string): string {
  if (!docKind(docName)) throw notFound('Document')
  return docName
}

/**
 * A document's history, read from its update log (every row keeps author and time), and its named
 * versions: points of that log, rebuilt by replaying the rows up to them.
 */
export class HistoryService {
  /** The replay behind sessions, kept per document and extended with new rows (HIST6). */
  private readonly sessionCache: SessionCache

  constructor(
    private readonly db: Kysely<Database>,
    private readonly store: DocStore,
    private readonly rooms: RoomRegistry,
    private readonly clock: Clock = systemClock,
  ) {
    this.sessionCache = new SessionCache(store)
  }

  private async authorViews(workspaceId: string, ids: Iterable<string | null>): Promise<(id: string | null) => AuthorView> {
    const authors = await loadAuthors(this.db, workspaceId, ids)
    return (id) => {
      const author = id ? authors.get(id) : undefined
      return { id, name: author?.name ?? authorLabel(undefined, 'fr'), partnerName: author?.partnerName ?? null }
    }
  }

  /** Who changed the document and when, grouped into sessions (newest last). */
  async sessions(workspaceId: string, docName: string, gapMs = SESSION_GAP_MS) {
    const sessions = groupSessions(await this.sessionCache.touches({ workspaceId, docName }), gapMs)
    const author = await this.authorViews(workspaceId, sessions.map((s) => s.authorId))
    return sessions.map((s) => ({
      author: author(s.authorId),
      from: new Date(s.from).toISOString(),
      to: new Date(s.to).toISOString(),
      firstRowId: s.firstRowId,
      lastRowId: s.lastRowId,
      edits: s.edits,
      touched: s.touched,
    }))
  }

  /** Every change of every field of one action of the plan, with a sentence in French and English. */
  async actionHistory(workspaceId: string, actionId: string) {
    const rows = await this.store.log({ workspaceId, docName: 'plan' })
    const changes = actionFieldHistory(rows, actionId)
    if (changes.length === 0) throw notFound('Action')
    const authors: Map<string, Author> = await loadAuthors(this.db, workspaceId, [
      ...changes.map((c) => c.authorId),
      ...changes.flatMap((c) => (c.field === 'accountable' ? [c.before, c.after].filter((v): v is string => typeof v === 'string') : [])),
    ])
    const author = await this.authorViews(workspaceId, changes.map((c) => c.authorId))
    return changes.map((c) => ({
      kind: c.kind,
      field: c.field,
      before: c.before,
      after: c.after,
      rowId: c.rowId,
      at: new Date(c.at).toISOString(),
      author: author(c.authorId),
      text: { fr: describeFieldChange(c, authors, 'fr'), en: describeFieldChange(c, authors, 'en') },
    }))
  }

  /** The document rebuilt from its log up to `rowId` (the whole log when omitted), with the rows read. */
  async stateAt(key: DocKey, rowId?: number): Promise<{ doc: Y.Doc; rows: LogRow[] }> {
    const rows = await this.store.log(key, rowId)
    return { doc: stateAt(rows), rows }
  }

  async jsonAt(key: DocKey, rowId?: number): Promise<DocumentJson> {
    const { doc } = await this.stateAt(key, rowId)
    try {
      return documentJson(doc, key.docName)
    } finally {
      doc.destroy()
    }
  }

  async createVersion(actor: Membership, docName: string, input: CreateVersionInput): Promise<VersionView> {
    const key = { workspaceId: actor.workspaceId, docName }
    const rows = await this.store.log(key, input.rowId)
    if (input.rowId !== undefined && rows.at(-1)?.id !== input.rowId) throw validationFailed('No such row in this document’s history.', 'rowId')
    const doc = stateAt(rows)
    const json = documentJson(doc, docName)
    doc.destroy()
    const row: VersionRow = {
      id: newId(),
      workspace_id: actor.workspaceId,
      doc_name: docName,
      name: input.name,
      log_id: rows.at(-1)?.id ?? 0,
      content_hash: contentHash(json),
      created_by: actor.userId,
      created_at: this.clock().toISOString(),
    }
    await this.db.insertInto('document_version').values(row).execute()
    return toView(row)
  }

  async listVersions(workspaceId: string, docName: string): Promise<VersionView[]> {
    const rows = await documentRows(this.db, 'document_version', workspaceId, docName).orderBy('created_at', 'asc').orderBy('id', 'asc').execute()
    return rows.map(toView)
  }

  async version(workspaceId: string, docName: string, versionId: string): Promise<VersionView> {
    const row = await documentRows(this.db, 'document_version', workspaceId, docName).where('id', '=', versionId).executeTakeFirst()
    if (!row) throw notFound('Version')
    return toView(row)
  }

  /** A version read-only: its record and the document as it was. */
  async versionDocument(workspaceId: string, docName: string, versionId: string): Promise<{ version: VersionView; document: DocumentJson }> {
    const version = await this.version(workspaceId, docName, versionId)
    return { version, document: await this.jsonAt({ workspaceId, docName }, version.rowId) }
  }

  /** `from` and `to` are version ids or `current`. */
  async diff(workspaceId: string, docName: string, from: string, to: string): Promise<DocumentDiff> {
    const json = async (ref: string) =>
      ref === 'current' ? this.jsonAt({ workspaceId, docName }) : (await this.versionDocument(workspaceId, docName, ref)).document
    return diffDocuments(await json(from), await json(to))
  }

  /**
   * Restores a version as a new edit on top, authored by `actor`: nothing of the log is rewritten
   * and the history shows the restore. Refused in an adopted document (document_locked).
   */
  async restore(actor: Membership, docName: string, versionId: string): Promise<DocumentJson> {
    const version = await this.version(actor.workspaceId, docName, versionId)
    const key = { workspaceId: actor.workspaceId, docName }
    const { doc: source } = await this.stateAt(key, version.rowId)
    try {
      await this.rooms.applyServerChange(
        key,
        (live) => {
          const status = (readDocumentMeta(live).status ?? 'draft') as DocumentStatus
          if (status === 'adopted') throw documentLocked()
          if (!can(actor, 'versions.restore', { docStatus: status })) throw forbidden()
          restoreInto(live, source, docName)
        },
        actor.userId,
      )
    } finally {
      source.destroy()
    }
    return this.jsonAt(key)
  }
}
