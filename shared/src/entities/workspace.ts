import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { roleSchema } from '../roles.ts'
import { invitationSchema } from './invitation.ts'
import { memberSchema } from './member.ts'
import { partnerSchema } from './partner.ts'

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.workspaceNameLength),
})
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>

export const workspaceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  createdAt: z.string(),
})
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>

/** `PATCH /api/workspaces/:id`: the alliance renamed. */
export const renamedWorkspaceSchema = z.object({ id: z.string(), name: z.string() })

/** `GET /api/workspaces/:id`: an alliance as its member sees it, with their role; invitations only for admins (empty otherwise). */
export const workspaceDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  partners: z.array(partnerSchema),
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
})
export type WorkspaceDetail = z.infer<typeof workspaceDetailSchema>
