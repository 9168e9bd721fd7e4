import {
  DEFAULT_DIGEST_FREQUENCY,
  localeSchema,
  nextDigestAt,
  type DigestFrequency,
  type DigestPreference,
  type Locale,
  type UpdateDigestPreference,
} from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { notFound } from '../../errors.ts'
import type { Clock } from '../clock.ts'

/**
 * A member's digest settings as stored, or the defaults: weekly, in their interface language, the
 * first period starting when the scheduler (or the member) first records them.
 */
export interface StoredPreference {
  frequency: DigestFrequency
  language: Locale
  since: string
  lastSentAt: string | null
  /** Whether a row exists (the scheduler claims a digest by moving `since` on that row). */
  stored: boolean
}

export const defaultLanguage = (locale: string | null): Locale => localeSchema.safeParse(locale).data ?? 'fr'

export async function readPreference(db: Kysely<Database>, clock: Clock, workspaceId: string, userId: string): Promise<StoredPreference> {
  const row = await db
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.user_id')
    .leftJoin('digest_preference', (j) =>
      j.onRef('digest_preference.workspace_id', '=', 'member.workspace_id').onRef('digest_preference.user_id', '=', 'member.user_id'),
    )
    .select(['user.locale', 'digest_preference.frequency', 'digest_preference.language', 'digest_preference.since', 'digest_preference.last_sent_at'])
    .where('member.workspace_id', '=', workspaceId)
    .where('member.user_id', '=', userId)
    .executeTakeFirst()
  if (!row) throw notFound('Member')
  return toPreference(row, clock())
}

export function toPreference(
  row: { locale: string | null; frequency: string | null; language: string | null; since: string | null; last_sent_at: string | null },
  now: Date,
): StoredPreference {
  return {
    frequency: (row.frequency as DigestFrequency | null) ?? DEFAULT_DIGEST_FREQUENCY,
    language: (row.language as Locale | null) ?? defaultLanguage(row.locale),
    since: row.since ?? now.toISOString(),
    lastSentAt: row.last_sent_at,
    stored: row.frequency !== null,
  }
}

export function presentPreference(p: StoredPreference): DigestPreference {
  return {
    frequency: p.frequency,
    language: p.language,
    lastSentAt: p.lastSentAt,
    nextDigestAt: p.frequency === 'off' ? null : nextDigestAt(new Date(p.since), p.frequency).toISOString(),
  }
}

/**
 * Changes frequency and/or language. Turning digests back on starts the next period now: what
 * happened while they were off is not mailed.
 */
export async function updatePreference(
  db: Kysely<Database>,
  clock: Clock,
  workspaceId: string,
  userId: string,
  input: UpdateDigestPreference,
): Promise<StoredPreference> {
  const current = await readPreference(db, clock, workspaceId, userId)
  const now = clock().toISOString()
  const frequency = input.frequency ?? current.frequency
  const next: StoredPreference = {
    frequency,
    language: input.language ?? current.language,
    since: current.frequency === 'off' && frequency !== 'off' ? now : current.since,
    lastSentAt: current.lastSentAt,
    stored: true,
  }
  await db
    .insertInto('digest_preference')
    .values({
      workspace_id: workspaceId,
      user_id: userId,
      frequency: next.frequency,
      language: next.language,
      since: next.since,
      last_sent_at: next.lastSentAt,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'user_id']).doUpdateSet({ frequency: next.frequency, language: next.language, since: next.since, updated_at: now }),
    )
    .execute()
  return next
}

/**
 * The member opened the alliance at `at`: their next digest starts there ("what changed since their
 * last visit"), never earlier than the last digest. Members not yet recorded by the scheduler are left
 * alone (their first period starts when it records them).
 */
export async function recordVisit(db: Kysely<Database>, workspaceId: string, userId: string, at: Date): Promise<void> {
  const visit = at.toISOString()
  await db
    .updateTable('digest_preference')
    .set({ since: visit })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('since', '<', visit)
    .execute()
}
