import { Hono, type Context } from 'hono'
import { proposeSchema, voteSchema } from '@ensemble/shared'
import { checkDocName } from '../../history/service.ts'
import { exportOdt, exportPdf } from '../../signoff/export.ts'
import type { SignoffService } from '../../signoff/service.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'

const docNameOf = (c: Context) => checkDocName(decodeURIComponent(c.req.param('docName') ?? ''))
const fileName = (docName: string, ext: string) => `attachment; filename="${docName}-adopted.${ext}"`

/**
 * Mounted at /api/workspaces/:workspaceId/documents: sign-off rounds of a rich text (propose, vote,
 * withdraw, unlock for an amendment), its audit trail, and exports of the adopted version.
 */
export function signoffRoutes(deps: AppDeps, signoff: SignoffService) {
  const read = requireMember(deps, 'history.read')
  const manage = requireMember(deps, 'signoff.manage')
  const vote = requireMember(deps, 'signoff.vote')
  return new Hono<AppEnv>()
    .get('/:docName/signoff', read, async (c) => c.json(await signoff.rounds(c.get('membership').workspaceId, docNameOf(c))))
    .post('/:docName/signoff/proposals', manage, async (c) => {
      const docName = docNameOf(c)
      const input = await parseJson(c, proposeSchema)
      return c.json(await signoff.propose(c.get('membership'), docName, input), 201)
    })
    .get('/:docName/signoff/rounds/:roundId', read, async (c) =>
      c.json(await signoff.round(c.get('membership').workspaceId, docNameOf(c), pathId(c, 'roundId', 'Proposal'))),
    )
    .post('/:docName/signoff/rounds/:roundId/votes', vote, async (c) => {
      const docName = docNameOf(c)
      const roundId = pathId(c, 'roundId', 'Proposal')
      const input = await parseJson(c, voteSchema)
      return c.json(await signoff.vote(c.get('membership'), docName, roundId, input))
    })
    .post('/:docName/signoff/rounds/:roundId/withdraw', manage, async (c) =>
      c.json(await signoff.withdraw(c.get('membership'), docNameOf(c), pathId(c, 'roundId', 'Proposal'))),
    )
    .post('/:docName/signoff/unlock', manage, async (c) => {
      await signoff.unlock(c.get('membership'), docNameOf(c))
      return c.json({ status: 'draft' })
    })
    .get('/:docName/signoff/audit', read, async (c) => c.json(await signoff.audit(c.get('membership').workspaceId, docNameOf(c))))
    .get('/:docName/export.pdf', read, async (c) => {
      const docName = docNameOf(c)
      const pdf = await exportPdf(await signoff.adopted(c.get('membership').workspaceId, docName))
      return c.body(pdf as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/pdf', 'content-disposition': fileName(docName, 'pdf') })
    })
    .get('/:docName/export.odt', read, async (c) => {
      const docName = docNameOf(c)
      const odt = exportOdt(await signoff.adopted(c.get('membership').workspaceId, docName))
      return c.body(odt as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/vnd.oasis.opendocument.text', 'content-disposition': fileName(docName, 'odt') })
    })
}
