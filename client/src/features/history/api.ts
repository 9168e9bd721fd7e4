import type { VoteInput } from '@ensemble/shared'
import { call, callPage, pageQuery, params, rest } from '../../api/client.ts'

/**
 * One document's history, versions and sign-off, through the typed client (routes:
 * server/src/http/routes/history.ts, signoff.ts). A paged list's `next` is the server's address of
 * the older page: the same call is made with its query.
 */
const documents = rest.workspaces[':workspaceId'].documents[':docName']
const doc = (workspaceId: string, docName: string) => params({ workspaceId, docName })

/** The address of an export of the adopted text (a link the browser downloads). */
export const exportPath = (ws: string, docName: string, format: 'pdf' | 'odt' | 'docx') =>
  documents[`export.${format}`].$url({ param: doc(ws, docName) }).pathname

/** The address of a draft export of the current text, marked « Projet — version non adoptée » (SIGN15). */
export const draftExportPath = (ws: string, docName: string, format: 'pdf' | 'odt' | 'docx') =>
  documents[`export-draft.${format}`].$url({ param: doc(ws, docName) }).pathname

/** The newest sessions (a page, oldest first); `next` is the server's address of the older ones. */
export const fetchSessions = (ws: string, docName: string, next?: string) =>
  callPage(documents.history.$get({ param: doc(ws, docName), query: pageQuery(next) }))
export const fetchVersions = (ws: string, docName: string, next?: string) =>
  callPage(documents.versions.$get({ param: doc(ws, docName), query: pageQuery(next) }))
export const createVersion = (ws: string, docName: string, name: string, rowId?: number) =>
  call(documents.versions.$post({ param: doc(ws, docName), json: rowId === undefined ? { name } : { name, rowId } }))
export const fetchVersionDocument = (ws: string, docName: string, versionId: string) =>
  call(documents.versions[':versionId'].$get({ param: params({ workspaceId: ws, docName, versionId }) }))
export const fetchActionHistory = (ws: string, actionId: string, next?: string) =>
  callPage(documents.actions[':actionId'].history.$get({ param: params({ workspaceId: ws, docName: 'plan', actionId }), query: pageQuery(next) }))
export const fetchDiff = (ws: string, docName: string, from: string, to = 'current') =>
  call(documents.diff.$get({ param: doc(ws, docName), query: { from, to } }))
export const restoreVersion = (ws: string, docName: string, versionId: string) =>
  call(documents.versions[':versionId'].restore.$post({ param: params({ workspaceId: ws, docName, versionId }) }))

export const fetchRounds = (ws: string, docName: string) => call(documents.signoff.$get({ param: doc(ws, docName) }))
export const proposeVersion = (ws: string, docName: string, name: string) =>
  call(documents.signoff.proposals.$post({ param: doc(ws, docName), json: { name } }))
export const fetchArticles = (ws: string, docName: string, roundId: string) =>
  call(documents.signoff.rounds[':roundId'].articles.$get({ param: params({ workspaceId: ws, docName, roundId }) }))
export const castVote = (ws: string, docName: string, roundId: string, input: VoteInput) =>
  call(documents.signoff.rounds[':roundId'].votes.$post({ param: params({ workspaceId: ws, docName, roundId }), json: input }))
export const withdrawRound = (ws: string, docName: string, roundId: string) =>
  call(documents.signoff.rounds[':roundId'].withdraw.$post({ param: params({ workspaceId: ws, docName, roundId }) }))
export const unlockDocument = (ws: string, docName: string) => call(documents.signoff.unlock.$post({ param: doc(ws, docName) }))
