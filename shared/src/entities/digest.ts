import { z } from 'zod'
import { localeSchema } from './auth.ts'

/**
 * Digests by email: what changed in an alliance since a member's last digest, daily or weekly, in
 * their language. One preference per member and alliance.
 */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const
export const digestFrequencySchema = z.enum(DIGEST_FREQUENCIES)
export type DigestFrequency = z.infer<typeof digestFrequencySchema>

/** Until a member chooses, they get a weekly digest (every mail carries an unsubscribe link). */
export const DEFAULT_DIGEST_FREQUENCY: DigestFrequency = 'weekly'

/** `PUT /api/workspaces/:id/me/digest`: either field or both; unknown fields are refused. */
export const updateDigestPreferenceSchema = z
  .strictObject({ frequency: digestFrequencySchema.optional(), language: localeSchema.optional() })
  .refine((v) => v.frequency !== undefined || v.language !== undefined, { message: 'give frequency or language', path: ['frequency'] })
export type UpdateDigestPreference = z.infer<typeof updateDigestPreferenceSchema>

export const digestPreferenceSchema = z.object({
  frequency: digestFrequencySchema,
  language: localeSchema,
  /** When the last digest went out, or null. */
  lastSentAt: z.string().nullable(),
  /** When the next one is due (null when off). */
  nextDigestAt: z.string().nullable(),
})
export type DigestPreference = z.infer<typeof digestPreferenceSchema>

/** `GET /api/unsubscribe?token=…` (the link of every digest). */
export const unsubscribeQuerySchema = z.object({ token: z.string().min(1).max(1000) })

/** A mail of the local outbox (`GET /api/dev/outbox`, outside production only). */
export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  createdAt: z.string(),
})
export type OutboxMail = z.infer<typeof outboxMailSchema>

/** `GET /api/unsubscribe?token=…` (asked as JSON): the alliance whose digests stopped. */
export const unsubscribedSchema = z.object({ workspaceId: z.string(), frequency: z.literal('off') })

/** Digests go out at this hour (UTC); weekly ones on Mondays. */
export const DIGEST_HOUR_UTC = 6

/**
 * The first digest time strictly after `since`: the next day at DIGEST_HOUR_UTC, or for weekly
 * digests the next Monday at that hour. A digest is due once the clock reaches it.
 */
export function nextDigestAt(since: Date, frequency: Exclude<DigestFrequency, 'off'>, hourUtc = DIGEST_HOUR_UTC): Date {
  const next = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate(), hourUtc))
  if (next.getTime() <= since.getTime()) next.setUTCDate(next.getUTCDate() + 1)
  if (frequency === 'weekly') while (next.getUTCDay() !== 1) next.setUTCDate(next.getUTCDate() + 1)
  return next
}
