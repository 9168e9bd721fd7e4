import { z } from 'zod'
import { roleSchema } from '../roles.ts'

/**
 * An invitation to an alliance (ACCT1): the invited address receives a link holding a random token;
 * only whoever opens it, signed in with that address, becomes a member. The server keeps a keyed
 * hash of the token, never the token.
 */
export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  representative: z.boolean(),
  /** When the admin invited (ISO instant). */
  invitedAt: z.string(),
  /** When the last link sent was sent and stops working; null for invitations made before links (send again). */
  sentAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** The link can no longer be used: expired, or never sent. An admin may send a new one. */
  expired: z.boolean(),
})
export type Invitation = z.infer<typeof invitationSchema>

/** The token of an invitation link: 32 random bytes, base64url. Anything else is refused unread. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/)

/** What the holder of a valid link sees before accepting (`GET /api/invitations/:token`). */
export const invitationPreviewSchema = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: roleSchema,
  partnerName: z.string().nullable(),
  invitedBy: z.string(),
  expiresAt: z.string(),
})
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>

/** `POST /api/workspaces/:id/members` answers this, whether the address has an account or not (ACCT2). */
export const invitationCreatedSchema = z.object({ invitationId: z.string() })
/** `POST /api/invitations/:token/accept` answers the alliance joined. */
export const invitationAcceptedSchema = z.object({ workspaceId: z.string() })
/** `POST /api/workspaces/:id/invitations/:invitationId/resend` answers the new expiry. */
export const invitationResentSchema = z.object({ invitationId: z.string(), expiresAt: z.string() })

/**
 * Why a link cannot be used, told the same way whatever the reason (expired, used, revoked, forged):
 * the answer must not tell an attacker which tokens once existed.
 */
export const INVITATION_INVALID = 'invitation_invalid'
/** The link is valid but the signed-in account has another address: sign in with the invited one. */
export const INVITATION_OTHER_EMAIL = 'invitation_other_email'
