import {
  actionChangeSchema,
  createVersionSchema,
  diffQuerySchema,
  docKind,
  docNameSchema,
  documentDiffSchema,
  historySessionSchema,
  restoredDocumentSchema,
  rowPageQuerySchema,
  sessionGapQuerySchema,
  versionDocumentSchema,
  versionPageQuerySchema,
  versionViewSchema,
} from '@ensemble/shared'
import { Hono, type Context, type MiddlewareHandler, type TypedResponse } from 'hono'
import { z } from 'zod'
import { notFound } from '../../errors.ts'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import { checkDocName, type HistoryService, type Page } from '../../domain/history/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds, pathParam, query } from '../validate.ts'
import { documentEvents } from './documentEvents.ts'

/**
 * The `:docName` path parameter, or 404. Hono has already decoded it once, as the websocket decodes
 * a document name once (WS2): decoding again would read `%2525` as `%` and throw on `%25` (REF2).
 */
export const docNameParam = pathParam('docName', docNameSchema, checkDocName)

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

/** JSON built on a document thread (history/jobs.ts), sent as it is; typed for the client as the schema the route declares. */
const sendJson = <S extends z.ZodType>(c: Context, bytes: Uint8Array, _schema: S) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' }) as unknown as Response & TypedResponse<z.output<S>, 200, 'json'>

/** Field history exists for the plan's actions only: in any other document, no action is found. */
const planOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (docKind(c.req.param('docName') ?? '') !== 'plan') throw notFound('Action')
  await next()
}

const paged = '; the newest ?limit= (1–200, default 50) before ?before=, older page in Link rel="next"'

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
  const versionId = pathIds({ versionId: 'Version' })
  return new Hono<AppEnv>()
    .get(
      '/:docName/history',
      describe(
        `Who changed the document and when, in sessions (same author, pauses under ?gapMinutes=, default 30; a person's session goes on across other people's edits)${paged} (a row id); 429 past the history jobs allowed (LOOP4)`,
        {
          200: z.array(historySessionSchema),
        },
      ),
      read,
      query(rowPageQuerySchema),
      docNameParam,
      query(sessionGapQuerySchema),
      async (c) => {
        const { limit, before, gapMinutes } = c.req.valid('query')
        const page = { limit, ...(before === undefined ? {} : { before }) }
        return sendPage(
          c,
          await history.sessions(c.get('membership'), c.req.valid('param').docName, page, gapMinutes === undefined ? undefined : gapMinutes * 60_000),
          limit,
        )
      },
    )
    .get(
      '/:docName/actions/:actionId/history',
      describe(`Every change of every field of a plan action, with a sentence in French and English${paged} (a row id)`, { 200: z.array(actionChangeSchema) }),
      read,
      docNameParam,
      planOnly,
      query(rowPageQuerySchema),
      pathIds({ actionId: 'Action' }),
      async (c) => {
        const { limit, before } = c.req.valid('query')
        return sendPage(
          c,
          await history.actionHistory(c.get('membership'), c.req.valid('param').actionId, { limit, ...(before === undefined ? {} : { before }) }),
          limit,
        )
      },
    )
    .get(
      '/:docName/versions',
      describe(`Named versions of the document${paged} (a version id)`, { 200: z.array(versionViewSchema) }),
      read,
      query(versionPageQuerySchema, { ids: { before: 'Version' } }),
      docNameParam,
      async (c) => {
        const { limit, before } = c.req.valid('query')
        return sendPage(
          c,
          await history.listVersions(c.get('membership').workspaceId, c.req.valid('param').docName, { limit, ...(before === undefined ? {} : { before }) }),
          limit,
        )
      },
    )
    .post(
      '/:docName/versions',
      describe('Name the current state, or a past log row, as a version (editor and above)', { 201: versionViewSchema }),
      create,
      costly,
      docNameParam,
      jsonBody(createVersionSchema),
      async (c) => {
        const { docName } = c.req.valid('param')
        const version = await history.createVersion(c.get('membership'), docName, c.req.valid('json'))
        publish(c, 'history.changed', docName)
        return c.json(version, 201)
      },
    )
    .get(
      '/:docName/versions/:versionId',
      describe('A version read-only: its record and the document JSON as it was', { 200: versionDocumentSchema }),
      read,
      docNameParam,
      versionId,
      async (c) => {
        const { docName, versionId } = c.req.valid('param')
        return sendJson(c, await history.versionDocument(c.get('membership'), docName, versionId), versionDocumentSchema)
      },
    )
    .get(
      '/:docName/diff',
      describe(
        'Word diff between two versions (?from=&to=, version ids or current), in the document’s layout; bounded, `omitted` counts what is left out; 413 for a document over its size limit',
        {
          200: documentDiffSchema,
        },
      ),
      read,
      docNameParam,
      query(diffQuerySchema, { ids: { from: 'Version', to: 'Version' } }),
      async (c) => {
        const { from, to } = c.req.valid('query')
        return sendJson(c, await history.diff(c.get('membership'), c.req.valid('param').docName, from, to), documentDiffSchema)
      },
    )
    .post(
      '/:docName/versions/:versionId/restore',
      describe('Restore a version as a new edit on top (steering and admin; never an adopted document)', { 200: restoredDocumentSchema }),
      member,
      costly,
      docNameParam,
      versionId,
      async (c) => {
        const { docName, versionId } = c.req.valid('param')
        const document = await history.restore(c.get('membership'), docName, versionId)
        publish(c, 'history.changed', docName)
        return sendJson(c, document, restoredDocumentSchema)
      },
    )
}
