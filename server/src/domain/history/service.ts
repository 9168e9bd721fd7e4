import { can, docKind, HISTORY_PAGE, newId, readDocumentMeta, type CreateVersionInput, type DocumentStatus } from '@ensemble/shared'
import type { Kysely, Selectable } from 'kysely'
import * as Y from 'yjs'
import { applyPieces } from '../../collab/preparedDoc.ts'
import type { RoomRegistry } from '../../collab/rooms.ts'
import { documentRows } from '../../db/documentRows.ts'
import type { Database, DocumentVersionTable } from '../../db/schema.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { Membership } from '../members.ts'
import { AppError, forbidden, notFound, validationFailed } from '../../errors.ts'
import type { DocKey, DocStore } from '../../storage/docStore.ts'
import type { ThreadPool } from '../../workers/threadPool.ts'
import { authorLabel, loadAuthors, type Author } from './authors.ts'
import { describeFieldChange } from './describe.ts'
import { HistoryJobRunner, type JobMember, type JobOwner } from './jobRunner.ts'
import type { RowRef } from './jobs.ts'
import { restoreInto } from './restore.ts'
import { SESSION_GAP_MS } from './sessions.ts'
import { versionView, type VersionView } from './versionView.ts'

export interface AuthorView {
  id: string | null
  name: string
  partnerName: string | null
}

export const documentLocked = () =>
  new AppError(409, 'document_locked', 'This document is adopted: it accepts no edit until a steering member unlocks it for an amendment.')

/** One page of a list, oldest first; `next` is the cursor (`?before=`) of the page before it, or null at the start. */
export interface Page<T, C = number> {
  items: T[]
  next: C | null
}

/** What a page asks for: the newest `limit` items before the cursor `before` (the newest when absent). */
export interface PageRequest<C = number> {
  before?: C
  limit: number
}

/** A path's document name, or 404. */
export function checkDocName(docName: string): string {
  if (!docKind(docName)) throw notFound('Document')
  return docName
}

/**
 * A document's history, read from its update log (every row keeps author and time), and its named
 * versions: points of that log, rebuilt by replaying the rows up to them. Every replay runs as a job
 * (jobs.ts) on a document thread, bounded per member and overall (jobRunner.ts): the event loop only
 * reads SQL rows and hands answers over, as bytes when they are large (LOOP3, LOOP4).
 */
export class HistoryService {
  readonly jobs: HistoryJobRunner

  constructor(
    private readonly db: Kysely<Database>,
    store: DocStore,
    private readonly rooms: RoomRegistry,
    private readonly clock: Clock = systemClock,
    /** The document threads' history pool; null runs jobs in this thread (a store in memory does anyway). */
    threads: ThreadPool | null = null,
    jobsPerMember?: number,
  ) {
    this.jobs = new HistoryJobRunner(store, threads, jobsPerMember)
  }

  private async authorViews(workspaceId: string, ids: Iterable<string | null>): Promise<(id: string | null) => AuthorView> {
    const authors = await loadAuthors(this.db, workspaceId, ids)
    return (id) => {
      const author = id ? authors.get(id) : undefined
      return { id, name: author?.name ?? authorLabel(undefined, 'fr'), partnerName: author?.partnerName ?? null }
    }
  }

  /** Who changed the document and when, grouped into sessions: a page of them, oldest first. */
  async sessions(actor: JobMember, docName: string, page: PageRequest, gapMs = SESSION_GAP_MS) {
    const { workspaceId } = actor
    const { sessions, more } = await this.jobs.run(actor, 'sessions', { key: { workspaceId, docName }, gapMs, before: page.before, limit: page.limit })
    const author = await this.authorViews(
      workspaceId,
      sessions.map((s) => s.authorId),
    )
    const items = sessions.map((s) => ({
      author: author(s.authorId),
      from: new Date(s.from).toISOString(),
      to: new Date(s.to).toISOString(),
      firstRowId: s.firstRowId,
      lastRowId: s.lastRowId,
      edits: s.edits,
      touched: s.touched,
    }))
    return { items, next: more && sessions.length > 0 ? sessions[0]!.firstRowId : null }
  }

  /** Changes of every field of one action of the plan, with a sentence in French and English: a page of them, oldest first. */
  async actionHistory(actor: JobMember, actionId: string, page: PageRequest) {
    const { workspaceId } = actor
    const all = await this.jobs.run(actor, 'actionHistory', { workspaceId, actionId })
    if (all.length === 0) throw notFound('Action')
    let end = all.length
    if (page.before !== undefined) while (end > 0 && all[end - 1]!.rowId >= page.before) end--
    let start = Math.max(0, end - page.limit)
    // The changes of one row (several fields) stay on one page.
    while (start > 0 && start < end && all[start - 1]!.rowId === all[start]!.rowId) start--
    const changes = all.slice(start, end)
    const authors: Map<string, Author> = await loadAuthors(this.db, workspaceId, [
      ...changes.map((c) => c.authorId),
      ...changes.flatMap((c) => (c.field === 'accountable' ? [c.before, c.after].filter((v): v is string => typeof v === 'string') : [])),
    ])
    const author = await this.authorViews(
      workspaceId,
      changes.map((c) => c.authorId),
    )
    const items = changes.map((c) => ({
      kind: c.kind,
      field: c.field,
      before: c.before,
      after: c.after,
      rowId: c.rowId,
      at: new Date(c.at).toISOString(),
      author: author(c.authorId),
      text: { fr: describeFieldChange(c, authors, 'fr'), en: describeFieldChange(c, authors, 'en') },
    }))
    return { items, next: start > 0 && changes.length > 0 ? changes[0]!.rowId : null }
  }

  /** The document's `meta` now, or right after row `rowId` (its title, sign-off status, the charter's adoption rules). */
  meta(owner: JobOwner, key: DocKey, rowId: number | null = null): Promise<Record<string, unknown>> {
    return this.jobs.run(owner, 'meta', { key, rowId })
  }

  /**
   * The document as it was right after row `rowId` (a version's row), rebuilt on a thread and applied
   * here in slices, with the sign-off hash of that state (computed on the thread).
   */
  async sourceDoc(owner: JobOwner, key: DocKey, rowId: number): Promise<{ doc: Y.Doc; contentHash: string }> {
    const { pieces, contentHash } = await this.jobs.run(owner, 'sourceState', { key, rowId })
    const doc = new Y.Doc()
    await applyPieces(doc, pieces, null)
    return { doc, contentHash }
  }

  async createVersion(actor: Membership, docName: string, input: CreateVersionInput): Promise<VersionView> {
    const key = { workspaceId: actor.workspaceId, docName }
    const { contentHash, lastRowId } = await this.jobs.run(actor, 'contentHash', { key, rowId: input.rowId ?? null })
    if (input.rowId !== undefined && lastRowId !== input.rowId) throw validationFailed('No such row in this document’s history.', 'rowId')
    const row: Selectable<DocumentVersionTable> = {
      id: newId(),
      workspace_id: actor.workspaceId,
      doc_name: docName,
      name: input.name,
      log_id: lastRowId,
      content_hash: contentHash,
      created_by: actor.userId,
      created_at: this.clock().toISOString(),
    }
    await this.db.insertInto('document_version').values(row).execute()
    return versionView(row)
  }

  /** Named versions, a page of them (the newest first picked, listed oldest first); `before` is a version id. */
  async listVersions(workspaceId: string, docName: string, page: PageRequest<string> = { limit: HISTORY_PAGE.max }): Promise<Page<VersionView, string>> {
    let query = documentRows(this.db, 'document_version', workspaceId, docName)
    if (page.before !== undefined) {
      const cursor = await this.version(workspaceId, docName, page.before)
      query = query.where((eb) => eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]))
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute()
    const items = rows.slice(0, page.limit).reverse().map(versionView)
    return { items, next: rows.length > page.limit ? items[0]!.id : null }
  }

  async version(workspaceId: string, docName: string, versionId: string): Promise<VersionView> {
    const row = await documentRows(this.db, 'document_version', workspaceId, docName).where('id', '=', versionId).executeTakeFirst()
    if (!row) throw notFound('Version')
    return versionView(row)
  }

  /** A version read-only: `{version, document}` (the document as it was) as JSON bytes, built on a thread. */
  async versionDocument(actor: JobMember, docName: string, versionId: string): Promise<Uint8Array> {
    const version = await this.version(actor.workspaceId, docName, versionId)
    const key = { workspaceId: actor.workspaceId, docName }
    return this.jobs.run(actor, 'document', { key, rowId: version.rowId, prefix: `{"version":${JSON.stringify(version)},"document":`, suffix: '}' })
  }

  /** `from` and `to` are version ids or `current`: the diff (diff.ts, bounded) as JSON bytes. */
  async diff(actor: JobMember, docName: string, from: string, to: string): Promise<Uint8Array> {
    const rowOf = async (ref: string): Promise<RowRef> => (ref === 'current' ? null : (await this.version(actor.workspaceId, docName, ref)).rowId)
    const [fromRow, toRow] = await Promise.all([rowOf(from), rowOf(to)])
    return this.jobs.run(actor, 'diff', { key: { workspaceId: actor.workspaceId, docName }, from: fromRow, to: toRow })
  }

  /**
   * Restores a version as a new edit on top, authored by `actor`: nothing of the log is rewritten
   * and the history shows the restore. Refused in an adopted document (document_locked). Answers
   * `{document}` (the document now) as JSON bytes.
   */
  async restore(actor: Membership, docName: string, versionId: string): Promise<Uint8Array> {
    const version = await this.version(actor.workspaceId, docName, versionId)
    const key = { workspaceId: actor.workspaceId, docName }
    const { doc: source } = await this.sourceDoc(actor, key, version.rowId)
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
    return this.jobs.run(actor, 'document', { key, rowId: null, prefix: '{"document":', suffix: '}' })
  }
}
