import { Hono, type Context } from 'hono'
import { proposeSchema, voteSchema } from '@ensemble/shared'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/signoff/export/index.ts'
import type { SignoffService } from '../../domain/signoff/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { limitRate } from '../memberLimits.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'
import { documentEvents } from './documentEvents.ts'
import { docNameOf } from './history.ts'

const fileName = (docName: string, ext: string) => `attachment; filename="${docName}-adopted.${ext}"`

/**
 * Mounted at /api/workspaces/:workspaceId/documents: sign-off rounds of a rich text (propose, vote,
 * withdraw, unlock for an amendment), its audit trail, and exports of the adopted version.
 */
export function signoffRoutes(deps: AppDeps, signoff: SignoffService, events: WorkspaceEventBus) {
  const publish = documentEvents(events)
  const read = requireMember(deps, 'history.read')
  const manage = requireMember(deps, 'signoff.manage')
  const vote = requireMember(deps, 'signoff.vote')
  const sendExport = async (c: Context<AppEnv>, format: ExportFormat) => {
    const docName = docNameOf(c)
    // Laid out on a document thread (LOOP3): a PDF of a long agreement takes seconds to render.
    const bytes = await signoff.exportAdopted(c.get('membership'), docName, format)
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': EXPORT_FORMATS[format].contentType, 'content-disposition': fileName(docName, format) })
  }
  return new Hono<AppEnv>()
    .get('/:docName/signoff', read, async (c) => c.json(await signoff.rounds(c.get('membership').workspaceId, docNameOf(c))))
    // A proposal names a version of the current state: a replay of the log (LIM5).
    .post('/:docName/signoff/proposals', manage, limitRate(deps.memberLimits, 'costly'), async (c) => {
      const docName = docNameOf(c)
      const input = await parseJson(c, proposeSchema)
      const proposed = await signoff.propose(c.get('membership'), docName, input)
      // A proposal names a version too.
      publish(c, 'history.changed', docName)
      publish(c, 'signoff.changed', docName)
      return c.json(proposed, 201)
    })
    .get('/:docName/signoff/rounds/:roundId', read, async (c) =>
      c.json(await signoff.round(c.get('membership').workspaceId, docNameOf(c), pathId(c, 'roundId', 'Proposal'))),
    )
    .post('/:docName/signoff/rounds/:roundId/votes', vote, async (c) => {
      const docName = docNameOf(c)
      const roundId = pathId(c, 'roundId', 'Proposal')
      const input = await parseJson(c, voteSchema)
      const round = await signoff.vote(c.get('membership'), docName, roundId, input)
      publish(c, 'signoff.changed', docName)
      return c.json(round)
    })
    .post('/:docName/signoff/rounds/:roundId/withdraw', manage, async (c) => {
      const docName = docNameOf(c)
      const round = await signoff.withdraw(c.get('membership'), docName, pathId(c, 'roundId', 'Proposal'))
      publish(c, 'signoff.changed', docName)
      return c.json(round)
    })
    .post('/:docName/signoff/unlock', manage, async (c) => {
      const docName = docNameOf(c)
      await signoff.unlock(c.get('membership'), docName)
      publish(c, 'signoff.changed', docName)
      return c.json({ status: 'draft' })
    })
    .get('/:docName/signoff/audit', read, async (c) => c.json(await signoff.audit(c.get('membership').workspaceId, docNameOf(c))))
    .get('/:docName/export.pdf', read, (c) => sendExport(c, 'pdf'))
    .get('/:docName/export.odt', read, (c) => sendExport(c, 'odt'))
    .get('/:docName/export.docx', read, (c) => sendExport(c, 'docx'))
}
