import type { OutboxMail } from '@ensemble/shared'
import type { HttpClient } from './http.ts'
import { waitFor } from './waitFor.ts'

/** The token of a password reset link, as found in a mail's text. */
export const RESET_LINK = /\/nouveau-mot-de-passe\/([A-Za-z0-9_-]{43})/

/** The mails the dev outbox holds for `email`, newest first (any signed-in `reader` may list them). */
export async function mailsTo(reader: HttpClient, email: string): Promise<OutboxMail[]> {
  const res = await reader.request('GET', '/api/dev/outbox')
  if (res.status !== 200) throw new Error(`GET /api/dev/outbox: ${res.status} ${await res.text()}`)
  return ((await res.json()) as OutboxMail[]).filter((m) => m.to === email)
}

/**
 * Waits until the outbox holds `count` password mails for `email` (they are sent after the answer,
 * ACCT16) and returns them, newest first.
 */
export async function waitForResetMails(reader: HttpClient, email: string, count = 1): Promise<OutboxMail[]> {
  return waitFor(
    async () => {
      const mails = (await mailsTo(reader, email)).filter((m) => m.subject.startsWith('Votre mot de passe Ensemble'))
      return mails.length >= count ? mails : null
    },
    { message: `${count} password mail(s) to ${email}` },
  )
}

/** The token of the newest reset link mailed to `email`. */
export async function resetTokenFromOutbox(reader: HttpClient, email: string, count = 1): Promise<string> {
  const [newest] = await waitForResetMails(reader, email, count)
  const token = RESET_LINK.exec(newest!.text)?.[1]
  if (!token) throw new Error(`the newest password mail to ${email} holds no link`)
  return token
}
