import { docKind, type ExportFile, LIMITS, ROOT } from '@ensemble/shared'
import * as Y from 'yjs'
import { DocumentTooLargeError, PIECE_BYTES } from '../../collab/preparedDoc.ts'
import { draftModel } from '../signoff/export/draft.ts'
import { exportAdopted, renderExport, type ExportFormat } from '../signoff/export/index.ts'
import type { ReportContext } from '../reports/data.ts'
import { renderReport } from '../reports/render.ts'
import { titleOf, type AdoptedRecord } from '../signoff/adoptedRecord.ts'
import type { DocKey, DocStore, LogRow } from '../../storage/docStore.ts'
import { splitState } from '../../workers/splitState.ts'
import { clauseDiffs, type ClauseDiff } from './clauseDiff.ts'
import { changedClauses, clausesOf, contentHash } from './clauses.ts'
import { diffDocuments, type DocumentDiff } from './diff.ts'
import { documentJson, type DocumentJson } from './documentJson.ts'
import { actionFieldHistory, type FieldChange } from './fieldHistory.ts'
import { boundPlain } from './readDepth.ts'
import { replayDoc } from './replay.ts'
import type { SessionCache } from './sessionCache.ts'
import { groupSessions, type HistorySession } from './sessions.ts'

/** What a history job reads with: a store (the thread's own connection, or the server's) and the sessions' replay cache. */
export interface JobContext {
  store: DocStore
  sessions: SessionCache
}

/** A log row id, or null for the whole log (the current state). */
export type RowRef = number | null

const utf8 = new TextEncoder()

/**
 * A document whose state is larger than its kind allows is not read (LOOP6): refused at open, its
 * history answers 413 too. Only a log that large can hold such a state, so the state is encoded only then.
 */
function checkSize(doc: Y.Doc, key: DocKey, rows: readonly LogRow[]): void {
  const kind = docKind(key.docName)
  if (!kind) return
  const limit = LIMITS.maxDocumentBytes[kind]
  if (rows.reduce((sum, row) => sum + row.data.byteLength, 0) <= limit) return
  const bytes = Y.encodeStateAsUpdate(doc).byteLength
  if (bytes > limit) throw new DocumentTooLargeError(bytes, limit)
}

/**
 * The document's JSON after each row of `targets` (in one replay of the rows up to the last one):
 * the state a version names, or the current one for null.
 */
async function jsonsAt(store: DocStore, key: DocKey, targets: readonly RowRef[]): Promise<DocumentJson[]> {
  const upTo = targets.some((t) => t === null) ? undefined : Math.max(...(targets as number[]))
  const rows = await store.log(key, upTo)
  // Roots untyped until read, as versions were always rebuilt: a version's JSON, hence its hash, stays the same.
  const doc = replayDoc()
  try {
    const out: DocumentJson[] = new Array<DocumentJson>(targets.length)
    const pending = targets.map((target, i) => ({ until: target ?? Infinity, i })).sort((a, b) => a.until - b.until)
    let next = 0
    for (const row of rows) {
      while (next < pending.length && pending[next]!.until < row.id) out[pending[next++]!.i] = documentJson(doc, key.docName)
      if (next >= pending.length) break
      Y.applyUpdate(doc, row.data)
    }
    checkSize(doc, key, rows)
    while (next < pending.length) out[pending[next++]!.i] = documentJson(doc, key.docName)
    return out
  } finally {
    doc.destroy()
  }
}

/** The document rebuilt from its rows up to `rowId` (all when null). */
async function stateAt(store: DocStore, key: DocKey, rowId: RowRef): Promise<{ doc: Y.Doc; rows: LogRow[] }> {
  const rows = await store.log(key, rowId ?? undefined)
  const doc = replayDoc()
  for (const row of rows) Y.applyUpdate(doc, row.data)
  try {
    checkSize(doc, key, rows)
  } catch (err) {
    doc.destroy()
    throw err
  }
  return { doc, rows }
}

/**
 * History's whole-document work, each a function of a store and plain inputs, so it runs the same on
 * a document thread (workers/documentThread.ts) or, for a store in memory, in the server's thread
 * (jobRunner.ts). Answers that can be large come back as JSON bytes: the event loop never
 * serialises a 50,000-action plan.
 */
export const HISTORY_JOBS = {
  /** Sessions of the document, newest `limit` of those that start before row `before` (all when omitted), oldest first. */
  async sessions(
    ctx: JobContext,
    input: { key: DocKey; gapMs: number; before?: number; limit: number },
  ): Promise<{ sessions: HistorySession[]; more: boolean }> {
    const all = groupSessions(await ctx.sessions.touches(input.key), input.gapMs)
    let end = all.length
    if (input.before !== undefined) while (end > 0 && all[end - 1]!.firstRowId >= input.before) end--
    const start = Math.max(0, end - input.limit)
    return { sessions: all.slice(start, end), more: start > 0 }
  },

  /** Every change of every field of one plan action (values bounded in depth). */
  async actionHistory(ctx: JobContext, input: { workspaceId: string; actionId: string }): Promise<FieldChange[]> {
    const rows = await ctx.store.log({ workspaceId: input.workspaceId, docName: 'plan' })
    return actionFieldHistory(rows, input.actionId).map((change) => ({ ...change, before: boundPlain(change.before), after: boundPlain(change.after) }))
  },

  /** The document at a row as JSON bytes, between `prefix` and `suffix` (the rest of the answer's JSON). */
  async document(ctx: JobContext, input: { key: DocKey; rowId: RowRef; prefix: string; suffix: string }): Promise<Uint8Array> {
    const [json] = await jsonsAt(ctx.store, input.key, [input.rowId])
    return utf8.encode(`${input.prefix}${JSON.stringify(json)}${input.suffix}`)
  },

  /** The sign-off content hash of the document at a row, and the last row read (to check a row named by a request exists). */
  async contentHash(ctx: JobContext, input: { key: DocKey; rowId: RowRef }): Promise<{ contentHash: string; lastRowId: number }> {
    const { doc, rows } = await stateAt(ctx.store, input.key, input.rowId)
    try {
      return { contentHash: contentHash(documentJson(doc, input.key.docName)), lastRowId: rows.at(-1)?.id ?? 0 }
    } finally {
      doc.destroy()
    }
  },

  /** The document's `meta` map now, or right after a row (its title, status, the charter's adoption rules). */
  async meta(ctx: JobContext, input: { key: DocKey; rowId: RowRef }): Promise<Record<string, unknown>> {
    const [json] = await jsonsAt(ctx.store, input.key, [input.rowId])
    return (json![ROOT.meta] ?? {}) as Record<string, unknown>
  },

  /** The diff between two states (bounded, diff.ts) as JSON bytes. */
  async diff(ctx: JobContext, input: { key: DocKey; from: RowRef; to: RowRef }): Promise<Uint8Array> {
    const [before, after] = await jsonsAt(ctx.store, input.key, [input.from, input.to])
    return utf8.encode(JSON.stringify(diffDocuments(before!, after!)))
  },

  /** What a proposal freezes: the clauses to approve, and the diff against the adopted text of an amendment. */
  async proposal(ctx: JobContext, input: { key: DocKey; rowId: number; baseRowId: number | null }): Promise<{ clauses: string[]; diff: DocumentDiff | null }> {
    if (input.baseRowId === null) {
      const [document] = await jsonsAt(ctx.store, input.key, [input.rowId])
      return { clauses: clausesOf(document!).map((c) => c.key), diff: null }
    }
    const [base, document] = await jsonsAt(ctx.store, input.key, [input.baseRowId, input.rowId])
    return { clauses: changedClauses(base!, document!), diff: diffDocuments(base!, document!) }
  },

  /** Each clause of a proposed version against the adopted text it amends (all added without one), with its word diff (SIGN14). */
  async clauseDiffs(ctx: JobContext, input: { key: DocKey; rowId: number; baseRowId: number | null }): Promise<ClauseDiff[]> {
    if (input.baseRowId === null) {
      const [document] = await jsonsAt(ctx.store, input.key, [input.rowId])
      return clauseDiffs(null, document!)
    }
    const [base, document] = await jsonsAt(ctx.store, input.key, [input.baseRowId, input.rowId])
    return clauseDiffs(base!, document!)
  },

  /** The current text exported to `format` as a draft, marked « Projet — version non adoptée » on every page (SIGN15). */
  async exportDraft(ctx: JobContext, input: { key: DocKey; format: ExportFormat; at: string }): Promise<Uint8Array> {
    const [document] = await jsonsAt(ctx.store, input.key, [null])
    const model = draftModel({
      document: document!,
      title: titleOf(document![ROOT.meta], input.key.docName),
      at: input.at,
      contentHash: contentHash(document!),
    })
    return renderExport(model, input.format)
  },

  /** An adopted version exported to `format`, with its signature page (signoff/export). */
  async exportAdopted(
    ctx: JobContext,
    input: { key: DocKey; rowId: number; format: ExportFormat; record: Omit<AdoptedRecord, 'document' | 'title'> },
  ): Promise<Uint8Array> {
    const [document] = await jsonsAt(ctx.store, input.key, [input.rowId])
    return (await exportAdopted({ ...input.record, document: document!, title: titleOf(document![ROOT.meta], input.key.docName) }, input.format)).bytes
  },

  /** A report of the plan as it stands (reports/render.ts: CSV, XLSX, the annual review as DOCX or PDF), EXP6. */
  async report(ctx: JobContext, input: { key: DocKey; file: ExportFile; context: ReportContext }): Promise<Uint8Array> {
    const [plan] = await jsonsAt(ctx.store, input.key, [null])
    return renderReport(plan!, input.context, input.file)
  },

  /**
   * The document at a row as pieces to apply in turn (workers/splitState.ts), and that state's
   * sign-off hash: what a restore or an adoption copies from, and what an adoption checks.
   */
  async sourceState(ctx: JobContext, input: { key: DocKey; rowId: number }): Promise<{ pieces: Uint8Array[]; contentHash: string }> {
    const { doc } = await stateAt(ctx.store, input.key, input.rowId)
    try {
      return { pieces: splitState(doc, PIECE_BYTES), contentHash: contentHash(documentJson(doc, input.key.docName)) }
    } finally {
      doc.destroy()
    }
  },
}

export type HistoryJobs = typeof HISTORY_JOBS
export type HistoryJobName = keyof HistoryJobs
export type JobInput<K extends HistoryJobName> = Parameters<HistoryJobs[K]>[1]
export type JobResult<K extends HistoryJobName> = Awaited<ReturnType<HistoryJobs[K]>>
