import {
  addMemberSchema,
  invitationCreatedSchema,
  invitationResentSchema,
  invitationSchema,
  memberSchema,
  membershipSchema,
  updateMemberSchema,
} from '@ensemble/shared'
import { Hono } from 'hono'
import { z } from 'zod'
import { createInvitation, deleteInvitation, listInvitations, renewInvitation } from '../../domain/invitations.ts'
import { listMembers, removeMember, updateMember } from '../../domain/members.ts'
import type { AppDeps, AppEnv } from '../context.ts'
import { describe, noContent } from '../describe.ts'
import { requireMember } from '../middleware.ts'
import { jsonBody, pathIds } from '../validate.ts'
import { invitationKeys, mailInvitation } from './invitationLinks.ts'

/** Mounted at /api/workspaces/:workspaceId. Membership is security data: only admins change it. */
export function memberRoutes(deps: AppDeps) {
  const keys = invitationKeys(deps)
  const manage = requireMember(deps, 'members.manage')
  const userId = pathIds({ userId: 'Member' })
  const invitationId = pathIds({ invitationId: 'Invitation' })
  return (
    new Hono<AppEnv>()
      .get('/members', describe('Members of an alliance', { 200: z.array(memberSchema) }), requireMember(deps), async (c) =>
        c.json(await listMembers(deps.db, c.get('membership').workspaceId)),
      )
      // Adding someone always invites them, registered or not, with the same answer (ACCT2).
      .post(
        '/members',
        describe('Invite an email (admin): mails a single-use link; the same answer whether the address has an account or not (ACCT1, ACCT2)', {
          201: invitationCreatedSchema,
        }),
        manage,
        jsonBody(addMemberSchema),
        async (c) => {
          const { workspaceId, userId } = c.get('membership')
          const issued = await createInvitation(deps.db, workspaceId, userId, c.req.valid('json'), keys)
          try {
            await mailInvitation(deps, issued, c.get('user')!.name)
          } catch (err) {
            // Not sent, not kept: the admin tries again.
            await deleteInvitation(deps.db, workspaceId, issued.invitationId)
            throw err
          }
          return c.json({ invitationId: issued.invitationId }, 201)
        },
      )
      .patch(
        '/members/:userId',
        describe('Change role, partner or representative (admin)', { 200: membershipSchema }),
        manage,
        jsonBody(updateMemberSchema),
        userId,
        async (c) => {
          const { workspaceId } = c.get('membership')
          const updated = await updateMember(deps.db, workspaceId, c.req.valid('param').userId, c.req.valid('json'))
          // Answered once the member's open connections judge edits by the new role (ROLE2).
          await deps.onMembershipChanged(workspaceId, updated.userId)
          return c.json(updated)
        },
      )
      .delete('/members/:userId', describe('Remove a member (admin); their open connections lose access', { 204: noContent }), manage, userId, async (c) => {
        const { workspaceId } = c.get('membership')
        const removed = c.req.valid('param').userId
        await removeMember(deps.db, workspaceId, removed)
        await deps.onMembershipChanged(workspaceId, removed)
        return c.body(null, 204)
      })
      .get('/invitations', describe('Pending invitations of an alliance (admin)', { 200: z.array(invitationSchema) }), manage, async (c) =>
        c.json(await listInvitations(deps.db, c.get('membership').workspaceId, keys.clock)),
      )
      // A new link, mailed again; the previous link stops working (ACCT7).
      .post(
        '/invitations/:invitationId/resend',
        describe('Mail a new link; the previous one stops working (admin, ACCT7)', { 200: invitationResentSchema }),
        manage,
        invitationId,
        async (c) => {
          const issued = await renewInvitation(deps.db, c.get('membership').workspaceId, c.req.valid('param').invitationId, keys)
          await mailInvitation(deps, issued, c.get('user')!.name)
          return c.json({ invitationId: issued.invitationId, expiresAt: issued.expiresAt })
        },
      )
      .delete(
        '/invitations/:invitationId',
        describe('Withdraw an invitation: its link stops working (admin)', { 204: noContent }),
        manage,
        invitationId,
        async (c) => {
          await deleteInvitation(deps.db, c.get('membership').workspaceId, c.req.valid('param').invitationId)
          return c.body(null, 204)
        },
      )
  )
}
