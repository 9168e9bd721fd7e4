import { Hono, type Context } from 'hono'
import { createVersionSchema, docKind, idSchema } from '@ensemble/shared'
import { notFound, validationFailed } from '../../errors.ts'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import { checkDocName, PAGE_LIMIT, type HistoryService, type Page, type PageRequest } from '../../domain/history/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'
import { documentEvents } from './documentEvents.ts'

/**
 * The `:docName` path parameter, or 404. Hono has already decoded it once, as the websocket decodes
 * a document name once (WS2): decoding again would read `%2525` as `%` and throw on `%25` (REF2).
 */
export const docNameOf = (c: Context) => checkDocName(c.req.param('docName') ?? '')

/** `?gapMinutes=` between 1 and 1440 (sessions split at longer pauses); default 10. */
function gapMs(c: Context): number | undefined {
  const raw = c.req.query('gapMinutes')
  if (raw === undefined) return undefined
  const minutes = Number(raw)
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw validationFailed('gapMinutes: an integer from 1 to 1440.', 'gapMinutes')
  return minutes * 60_000
}

/** `?limit=` (1 to PAGE_LIMIT.max, default PAGE_LIMIT.default) and `?before=` (a cursor: a row id, or a version id). */
function pageOf(c: Context, cursor: 'row'): PageRequest<number>
function pageOf(c: Context, cursor: 'version'): PageRequest<string>
function pageOf(c: Context, cursor: 'row' | 'version'): PageRequest<number | string> {
  const rawLimit = c.req.query('limit')
  const limit = rawLimit === undefined ? PAGE_LIMIT.default : Number(rawLimit)
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT.max) throw validationFailed(`limit: an integer from 1 to ${PAGE_LIMIT.max}.`, 'limit')
  const raw = c.req.query('before')
  if (raw === undefined) return { limit }
  if (cursor === 'version') {
    if (!idSchema.safeParse(raw).success) throw notFound('Version')
    return { limit, before: raw }
  }
  const before = Number(raw)
  if (!Number.isSafeInteger(before) || before < 1) throw validationFailed('before: a row id (a positive integer).', 'before')
  return { limit, before }
}

/** A page as a JSON array, oldest first; the older page's address in `Link: <…>; rel="next"` when there is one. */
function sendPage<T, C>(c: Context, page: Page<T, C>, limit: number) {
  if (page.next !== null) {
    const url = new URL(c.req.url)
    url.searchParams.set('before', String(page.next))
    url.searchParams.set('limit', String(limit))
    c.header('Link', `<${url.pathname}${url.search}>; rel="next"`)
  }
  return c.json(page.items)
}

/** JSON built on a document thread (history/jobs.ts), sent as it is. */
const sendJson = (c: Context, bytes: Uint8Array) => c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' })

/**
 * Mounted at /api/workspaces/:workspaceId/documents: a document's history (sessions), the field
 * history of a plan action, named versions (create, list, view, diff, restore). Lists are paged
 * (`?limit=`, `?before=`, LOOP4); replays run on document threads (LOOP3).
 */
export function historyRoutes(deps: AppDeps, history: HistoryService, events: WorkspaceEventBus) {
  const publish = documentEvents(events)
  const read = requireMember(deps, 'history.read')
  const create = requireMember(deps, 'versions.create')
  // The document's status decides a restore; the service asks can() with it.
  const member = requireMember(deps, 'workspace.read')
  // Naming and restoring a version replay the document's log (LIM5).
  const costly = limitRate(deps.memberLimits, 'costly')
  return new Hono<AppEnv>()
    .get('/:docName/history', read, async (c) => {
      const page = pageOf(c, 'row')
      return sendPage(c, await history.sessions(c.get('membership'), docNameOf(c), page, gapMs(c)), page.limit)
    })
    .get('/:docName/actions/:actionId/history', read, async (c) => {
      if (docKind(docNameOf(c)) !== 'plan') throw notFound('Action')
      const page = pageOf(c, 'row')
      return sendPage(c, await history.actionHistory(c.get('membership'), pathId(c, 'actionId', 'Action'), page), page.limit)
    })
    .get('/:docName/versions', read, async (c) => {
      const page = pageOf(c, 'version')
      return sendPage(c, await history.listVersions(c.get('membership').workspaceId, docNameOf(c), page), page.limit)
    })
    .post('/:docName/versions', create, costly, async (c) => {
      const docName = docNameOf(c)
      const input = await parseJson(c, createVersionSchema)
      const version = await history.createVersion(c.get('membership'), docName, input)
      publish(c, 'history.changed', docName)
      return c.json(version, 201)
    })
    .get('/:docName/versions/:versionId', read, async (c) => sendJson(c, await history.versionDocument(c.get('membership'), docNameOf(c), pathId(c, 'versionId', 'Version'))))
    .get('/:docName/diff', read, async (c) => {
      const ref = (name: 'from' | 'to') => {
        const value = c.req.query(name) ?? 'current'
        if (value !== 'current' && !idSchema.safeParse(value).success) throw notFound('Version')
        return value
      }
      return sendJson(c, await history.diff(c.get('membership'), docNameOf(c), ref('from'), ref('to')))
    })
    .post('/:docName/versions/:versionId/restore', member, costly, async (c) => {
      const docName = docNameOf(c)
      const document = await history.restore(c.get('membership'), docName, pathId(c, 'versionId', 'Version'))
      publish(c, 'history.changed', docName)
      return sendJson(c, document)
    })
}
