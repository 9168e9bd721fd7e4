import { Hono, type Context } from 'hono'
import { createVersionSchema, docKind, idSchema } from '@ensemble/shared'
import { notFound, validationFailed } from '../../errors.ts'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import { checkDocName, type HistoryService } from '../../history/service.ts'
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

/**
 * Mounted at /api/workspaces/:workspaceId/documents: a document's history (sessions), the field
 * history of a plan action, named versions (create, list, view, diff, restore).
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
    .get('/:docName/history', read, async (c) => c.json(await history.sessions(c.get('membership').workspaceId, docNameOf(c), gapMs(c))))
    .get('/:docName/actions/:actionId/history', read, async (c) => {
      if (docKind(docNameOf(c)) !== 'plan') throw notFound('Action')
      return c.json(await history.actionHistory(c.get('membership').workspaceId, pathId(c, 'actionId', 'Action')))
    })
    .get('/:docName/versions', read, async (c) => c.json(await history.listVersions(c.get('membership').workspaceId, docNameOf(c))))
    .post('/:docName/versions', create, costly, async (c) => {
      const docName = docNameOf(c)
      const input = await parseJson(c, createVersionSchema)
      const version = await history.createVersion(c.get('membership'), docName, input)
      publish(c, 'history.changed', docName)
      return c.json(version, 201)
    })
    .get('/:docName/versions/:versionId', read, async (c) =>
      c.json(await history.versionDocument(c.get('membership').workspaceId, docNameOf(c), pathId(c, 'versionId', 'Version'))),
    )
    .get('/:docName/diff', read, async (c) => {
      const ref = (name: 'from' | 'to') => {
        const value = c.req.query(name) ?? 'current'
        if (value !== 'current' && !idSchema.safeParse(value).success) throw notFound('Version')
        return value
      }
      return c.json(await history.diff(c.get('membership').workspaceId, docNameOf(c), ref('from'), ref('to')))
    })
    .post('/:docName/versions/:versionId/restore', member, costly, async (c) => {
      const docName = docNameOf(c)
      const document = await history.restore(c.get('membership'), docName, pathId(c, 'versionId', 'Version'))
      publish(c, 'history.changed', docName)
      return c.json({ document })
    })
}
