import type { Invitation, Member, Partner, Role, WorkspaceSummary } from '@ensemble/shared'
import { get, post } from './http.ts'

export interface WorkspaceDetail {
  id: string
  name: string
  role: Role
  partners: Partner[]
  members: Member[]
  invitations: Invitation[]
}

const base = (id: string): string => `/api/workspaces/${encodeURIComponent(id)}`

export const listWorkspaces = (): Promise<WorkspaceSummary[]> => get<WorkspaceSummary[]>('/api/workspaces')
export const createWorkspace = (name: string): Promise<{ id: string }> => post('/api/workspaces', { name })
export const fetchWorkspace = (id: string): Promise<WorkspaceDetail> => get<WorkspaceDetail>(base(id))

/** A single-use websocket ticket, valid for a minute: fetched anew for every (re)connection. */
export const createTicket = (id: string): Promise<{ ticket: string }> => post(`${base(id)}/tickets`)

export { base as workspacePath }
