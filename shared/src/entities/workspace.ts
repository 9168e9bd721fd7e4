import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { roleSchema } from '../roles.ts'

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
