import type { OutboxMail, Role } from '@ensemble/shared'
import type { HttpClient } from './http.ts'

/** The token of an invitation link, as found in a mail's text. */
export const INVITATION_LINK = /\/invitation\/([A-Za-z0-9_-]{43})/

/** The token of the newest invitation mailed to `email`, read from the dev outbox (no SMTP_URL). */
export async function invitationTokenFromOutbox(reader: HttpClient, email: string): Promise<string> {
  const res = await reader.request('GET', '/api/dev/outbox')
  if (res.status !== 200) throw new Error(`GET /api/dev/outbox: ${res.status} ${await res.text()}`)
  const mail = ((await res.json()) as OutboxMail[]).find((m) => m.to === email && INVITATION_LINK.test(m.text))
  const token = mail && INVITATION_LINK.exec(mail.text)?.[1]
  if (!token) throw new Error(`no invitation mailed to ${email}`)
  return token
}

/**
 * Adds a person to an alliance the only way the product allows (ACCT1–ACCT3): the admin invites
 * their address, the link is read from the mail, and the person, signed in, accepts it.
 * `readToken` finds the link elsewhere than in the dev outbox (an SMTP sink).
 */
export async function addMember(
  admin: HttpClient,
  workspaceId: string,
  person: { client: HttpClient; email: string },
  grant: { role: Role; partnerId?: string | null; representative?: boolean },
  readToken: (email: string) => Promise<string> = (email) => invitationTokenFromOutbox(admin, email),
): Promise<void> {
  await admin.json('POST', `/api/workspaces/${workspaceId}/members`, { email: person.email, ...grant }, 201)
  const token = await readToken(person.email)
  await person.client.json('POST', `/api/invitations/${token}/accept`, {}, 200)
}
