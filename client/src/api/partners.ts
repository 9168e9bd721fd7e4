import type { CreatePartnerInput, UpdatePartnerInput } from '@ensemble/shared'
import { del, patch, post } from './http.ts'
import { workspacePath } from './workspaces.ts'

const path = (workspaceId: string, partnerId?: string): string =>
  `${workspacePath(workspaceId)}/partners${partnerId ? `/${encodeURIComponent(partnerId)}` : ''}`

export const createPartner = (workspaceId: string, input: CreatePartnerInput): Promise<{ id: string }> =>
  post(path(workspaceId), input)
export const updatePartner = (workspaceId: string, partnerId: string, input: UpdatePartnerInput): Promise<unknown> =>
  patch(path(workspaceId, partnerId), input)
export const deletePartner = (workspaceId: string, partnerId: string): Promise<unknown> => del(path(workspaceId, partnerId))
