import { newId } from '@ensemble/shared'
import type { TestMember } from './alliance.ts'
import { uniqueEmail } from './http.ts'

/**
 * Real ids of an alliance for the path parameters of the OpenAPI document (`{workspaceId}`,
 * `{threadId}`…), so a test that walks every route reaches what each route does with them: a
 * thread on the charter with its first message and an invitation are created for it (by the admin).
 * Parameters without a real id here (an inbox item) get an id nobody has.
 */
export async function realPathIds(alliance: {
  workspaceId: string
  partnerId: string
  admin: TestMember
  members: TestMember[]
}): Promise<Record<string, string>> {
  const ws = `/api/workspaces/${alliance.workspaceId}`
  const admin = alliance.admin.client
  const { thread, messages } = await admin.json<{ thread: { id: string }; messages: { id: string }[] }>(
    'POST',
    `${ws}/comments/threads`,
    { targetKind: 'document', docName: 'charter', body: 'Fil' },
    201,
  )
  const { invitationId } = await admin.json<{ invitationId: string }>('POST', `${ws}/members`, { email: uniqueEmail('invite'), role: 'editor' }, 201)
  return {
    workspaceId: alliance.workspaceId,
    partnerId: alliance.partnerId,
    userId: alliance.members[0]!.userId,
    invitationId,
    threadId: thread.id,
    messageId: messages[0]!.id,
    itemId: newId(),
  }
}
