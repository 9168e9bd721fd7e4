import type { AddMemberInput, UpdateMemberInput } from '@ensemble/shared'
import { del, patch, post } from './http.ts'
import { workspacePath } from './workspaces.ts'

const path = (workspaceId: string, userId?: string): string =>
  `${workspacePath(workspaceId)}/members${userId ? `/${encodeURIComponent(userId)}` : ''}`

/** Invites an address, registered or not (ACCT2): the person joins by opening the mailed link. */
export const addMember = (workspaceId: string, input: AddMemberInput): Promise<{ invitationId: string }> => post(path(workspaceId), input)
export const updateMember = (workspaceId: string, userId: string, input: UpdateMemberInput): Promise<unknown> =>
  patch(path(workspaceId, userId), input)
export const removeMember = (workspaceId: string, userId: string): Promise<unknown> => del(path(workspaceId, userId))
