import type { AddMemberInput, UpdateMemberInput } from '@ensemble/shared'
import { del, patch, post } from './http.ts'
import { workspacePath } from './workspaces.ts'

const path = (workspaceId: string, userId?: string): string =>
  `${workspacePath(workspaceId)}/members${userId ? `/${encodeURIComponent(userId)}` : ''}`

/** Adds a registered user (`{userId}`) or invites an unknown address (`{invitationId}`). */
export const addMember = (workspaceId: string, input: AddMemberInput): Promise<{ userId?: string; invitationId?: string }> =>
  post(path(workspaceId), input)
export const updateMember = (workspaceId: string, userId: string, input: UpdateMemberInput): Promise<unknown> =>
  patch(path(workspaceId, userId), input)
export const removeMember = (workspaceId: string, userId: string): Promise<unknown> => del(path(workspaceId, userId))
