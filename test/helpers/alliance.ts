import type { Role } from '@ensemble/shared'
import { signUp, type HttpClient } from './http.ts'
import { addMember } from './invitations.ts'

export interface TestMember {
  client: HttpClient
  userId: string
  email: string
}

/**
 * An alliance with one partner, its admin, and one extra member per requested role — the usual
 * starting point of an integration test. Members join through the real invitation flow (the link
 * is read from the dev outbox), so the server must not run with SMTP_URL or NODE_ENV=production.
 */
export async function createAlliance(
  baseUrl: string,
  roles: Role[] = [],
): Promise<{ workspaceId: string; partnerId: string; admin: TestMember; members: TestMember[] }> {
  const admin = await signUp(baseUrl, 'Claire Admin')
  const { id: workspaceId } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance de test' }, 201)
  const { id: partnerId } = await admin.client.json<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/partners`,
    { name: 'Association Littoral', type: 'association' },
    201,
  )
  const members: TestMember[] = []
  for (const [i, role] of roles.entries()) {
    const m = await signUp(baseUrl, `Membre ${i} ${role}`)
    await addMember(admin.client, workspaceId, m, { role, partnerId })
    members.push(m)
  }
  return { workspaceId, partnerId, admin, members }
}
