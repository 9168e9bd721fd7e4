import { createdSchema, createPartnerSchema, partnerSchema, updatePartnerSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { createPartner, deletePartner, listPartners, updatePartner } from '../../domain/partners.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe, noContent } from '../describe.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds } from '../validate.ts'

/** Mounted at /api/workspaces/:workspaceId/partners. */
export function partnerRoutes(deps: AppDeps) {
  const partnerId = pathIds({ partnerId: 'Partner' })
  return new Hono<AppEnv>()
    .get('/', describe('Partners of an alliance', { 200: z.array(partnerSchema) }), requireMember(deps), async (c) =>
      c.json(await listPartners(deps.db, c.get('membership').workspaceId)),
    )
    .post('/', describe('Add a partner (admin)', { 201: createdSchema }), requireMember(deps, 'partners.manage'), jsonBody(createPartnerSchema), async (c) => {
      const { workspaceId } = c.get('membership')
      const id = await createPartner(deps.db, workspaceId, c.req.valid('json'))
      deps.onPartnersChanged(workspaceId)
      return c.json({ id }, 201)
    })
    .patch(
      '/:partnerId',
      describe('Rename or retype a partner (admin)', { 204: noContent }),
      requireMember(deps, 'partners.manage'),
      jsonBody(updatePartnerSchema),
      partnerId,
      async (c) => {
        const { workspaceId } = c.get('membership')
        await updatePartner(deps.db, workspaceId, c.req.valid('param').partnerId, c.req.valid('json'))
        deps.onPartnersChanged(workspaceId)
        return c.body(null, 204)
      },
    )
    .delete('/:partnerId', describe('Remove a partner (admin)', { 204: noContent }), requireMember(deps, 'partners.manage'), partnerId, async (c) => {
      const { workspaceId } = c.get('membership')
      await deletePartner(deps.db, workspaceId, c.req.valid('param').partnerId)
      deps.onPartnersChanged(workspaceId)
      return c.body(null, 204)
    })
}
