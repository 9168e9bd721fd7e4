import type { SignoffRoundView, VoteInput } from '@ensemble/shared'
import { get, getPage, post, type Paged } from '../../api/http.ts'

/** REST paths of one document's history, versions and sign-off (server/src/http/routes/history.ts, signoff.ts). */
export const documentPath = (workspaceId: string, docName: string): string =>
  `/api/workspaces/${encodeURIComponent(workspaceId)}/documents/${encodeURIComponent(docName)}`

export interface SessionView {
  author: { id: string | null; name: string; partnerName: string | null }
  from: string
  to: string
  firstRowId: number
  lastRowId: number
  edits: number
  touched: string[]
}

export interface VersionView {
  id: string
  name: string
  rowId: number
  contentHash: string
  createdBy: string
  createdAt: string
}

export interface TextPart {
  text: string
  op: 'equal' | 'insert' | 'delete'
}

/** server/src/history/diff.ts: blocks of the rich text (with a word diff), then entries of the maps; past its bounds, how many were left out. */
export interface DocumentDiff {
  blocks: { status: 'equal' | 'inserted' | 'deleted' | 'changed'; type: string; attrs?: Record<string, unknown>; parts: TextPart[] }[]
  entries: { root: string; key: string; status: 'inserted' | 'deleted' | 'changed'; before: unknown; after: unknown }[]
  omitted?: { blocks: number; entries: number }
}

/** One change of one field of a plan action, with its sentence in both languages. */
export interface ActionChangeView {
  kind: 'created' | 'changed' | 'deleted'
  field: string | null
  rowId: number
  at: string
  author: SessionView['author']
  text: { fr: string; en: string }
}

/** The newest sessions (a page, oldest first); `next` is the server's address of the older ones. */
export const fetchSessions = (ws: string, doc: string, next?: string): Promise<Paged<SessionView>> => getPage<SessionView>(next ?? `${documentPath(ws, doc)}/history`)
export const fetchVersions = (ws: string, doc: string, next?: string): Promise<Paged<VersionView>> => getPage<VersionView>(next ?? `${documentPath(ws, doc)}/versions`)
export const createVersion = (ws: string, doc: string, name: string, rowId?: number) => post<VersionView>(`${documentPath(ws, doc)}/versions`, rowId === undefined ? { name } : { name, rowId })
export const fetchVersionDocument = (ws: string, doc: string, id: string) =>
  get<{ version: VersionView; document: Record<string, unknown> }>(`${documentPath(ws, doc)}/versions/${encodeURIComponent(id)}`)
export const fetchActionHistory = (ws: string, actionId: string, next?: string): Promise<Paged<ActionChangeView>> =>
  getPage<ActionChangeView>(next ?? `${documentPath(ws, 'plan')}/actions/${encodeURIComponent(actionId)}/history`)
export const fetchDiff = (ws: string, doc: string, from: string, to = 'current') =>
  get<DocumentDiff>(`${documentPath(ws, doc)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
export const restoreVersion = (ws: string, doc: string, id: string) => post<unknown>(`${documentPath(ws, doc)}/versions/${encodeURIComponent(id)}/restore`)

export const fetchRounds = (ws: string, doc: string) => get<SignoffRoundView[]>(`${documentPath(ws, doc)}/signoff`)
export const proposeVersion = (ws: string, doc: string, name: string) => post<{ round: SignoffRoundView }>(`${documentPath(ws, doc)}/signoff/proposals`, { name })
export const castVote = (ws: string, doc: string, roundId: string, input: VoteInput) =>
  post<SignoffRoundView>(`${documentPath(ws, doc)}/signoff/rounds/${encodeURIComponent(roundId)}/votes`, input)
export const withdrawRound = (ws: string, doc: string, roundId: string) => post<SignoffRoundView>(`${documentPath(ws, doc)}/signoff/rounds/${encodeURIComponent(roundId)}/withdraw`)
export const unlockDocument = (ws: string, doc: string) => post<unknown>(`${documentPath(ws, doc)}/signoff/unlock`)
