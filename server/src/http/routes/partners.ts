import { Hono } from 'hono'
import { createPartnerSchema, updatePartnerSchema } from '@ensemble/shared'
import { createPartner, deletePartner, listPartners, updatePartner } from '../../domain/partners.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { requireMember } from '../middleware.ts'
import { parseJson } from '../validate.ts'
import { pathId } from './comments.ts'

/** Mounted at /api/workspaces/:workspaceId/partners. */
export function partnerRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/', requireMember(deps), async (c) => c.json(await listPartners(deps.db, c.get('membership').workspaceId)))
    .post('/', requireMember(deps, 'partners.manage'), async (c) => {
      const input = await parseJson(c, createPartnerSchema)
      const { workspaceId } = c.get('membership')
      const id = await createPartner(deps.db, workspaceId, input)
      deps.onPartnersChanged(workspaceId)
      return c.json({ id }, 201)
    })
    .patch('/:partnerId', requireMember(deps, 'partners.manage'), async (c) => {
      const input = await parseJson(c, updatePartnerSchema)
      const { workspaceId } = c.get('membership')
      await updatePartner(deps.db, workspaceId, pathId(c, 'partnerId', 'Partner'), input)
      deps.onPartnersChanged(workspaceId)
      return c.body(null, 204)
    })
    .delete('/:partnerId', requireMember(deps, 'partners.manage'), async (c) => {
      const { workspaceId } = c.get('membership')
      await deletePartner(deps.db, workspaceId, pathId(c, 'partnerId', 'Partner'))
      deps.onPartnersChanged(workspaceId)
      return c.body(null, 204)
    })
}
