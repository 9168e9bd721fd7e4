import type { InvitationPreview } from '@ensemble/shared'
import { del, get, post } from './http.ts'
import { workspacePath } from './workspaces.ts'

/** The invitation link of a mail (ACCT3): what it invites to, readable without a session. */
export const previewInvitation = (token: string): Promise<InvitationPreview> => get<InvitationPreview>(`/api/invitations/${encodeURIComponent(token)}`)
/** Accepts it for the signed-in person, who must hold the invited address. */
export const acceptInvitation = (token: string): Promise<{ workspaceId: string }> => post(`/api/invitations/${encodeURIComponent(token)}/accept`)

const path = (workspaceId: string, invitationId: string): string => `${workspacePath(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`
/** Mails a new link (the previous one stops working). */
export const resendInvitation = (workspaceId: string, invitationId: string): Promise<{ expiresAt: string }> => post(`${path(workspaceId, invitationId)}/resend`)
export const revokeInvitation = (workspaceId: string, invitationId: string): Promise<void> => del(path(workspaceId, invitationId))
