import { actorConvertedSchema, convertActorSchema } from '@ensemble/shared'
import { Hono } from 'hono'
import { convertActor } from '../../domain/actors/convert.ts'
import { roomDocAccess } from '../../domain/meetings/docAccess.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe } from '../describe.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds } from '../validate.ts'
import { invitationKeys, mailInvitation } from './invitationLinks.ts'

/**
 * Mounted at /api/workspaces/:workspaceId/actors. The map itself lives in the `actors` document
 * (co-edited live, judged by collab/rules/actorsEdit.ts); what it cannot do alone, turning an actor
 * into a partner of SQL and inviting its representative, happens here (MAP7).
 */
export function actorRoutes(deps: AppDeps) {
  const docs = roomDocAccess(deps.rooms)
  const keys = invitationKeys(deps)
  const actorId = pathIds({ actorId: 'Actor' })
  return new Hono<AppEnv>().post(
    '/:actorId/convert',
    describe(
      'Convert an actor of the map into a partner (admin, steering): creates the partner, marks the actor converted with its id, optionally invites its representative (admin) through the ordinary invitation; 409 actor_converted the second time; a failure leaves no partner (MAP7)',
      { 201: actorConvertedSchema },
    ),
    requireMember(deps, 'actors.convert'),
    actorId,
    jsonBody(convertActorSchema),
    async (c) => {
      const membership = c.get('membership')
      const converted = await convertActor(
        { db: deps.db, docs, keys, mail: (issued) => mailInvitation(deps, issued, c.get('user')!.name) },
        membership,
        c.req.valid('param').actorId,
        c.req.valid('json'),
      )
      deps.onPartnersChanged(membership.workspaceId)
      return c.json(converted, 201)
    },
  )
}
