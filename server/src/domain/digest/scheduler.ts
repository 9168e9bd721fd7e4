import { nextDigestAt } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Logger } from '../../logger.ts'
import type { Mailer } from '../../mail/mailer.ts'
import type { DocStore } from '../../storage/docStore.ts'
import type { Clock } from '../clock.ts'
import type * as Y from 'yjs'
import { collectDigest, loadStoredDoc, type DigestRecipient } from './collect.ts'
import { composeDigest, isEmptyDigest } from './compose.ts'
import { toPreference, type StoredPreference } from './preferences.ts'
import { unsubscribeToken } from './unsubscribeToken.ts'

export interface DigestSchedulerOptions {
  db: Kysely<Database>
  store: DocStore
  mailer: Mailer
  clock: Clock
  logger: Logger
  /** Signs unsubscribe links. */
  secret: string
  /** Public base URL of the server (links in the mail). */
  baseUrl: string
  /** How often (real time) the scheduler looks for due digests. */
  tickMs: number
}

/**
 * Sends the digests that are due. Every `tickMs` it reads each member's preference; a digest is due
 * once the injected clock reaches the digest time after the member's period start (`since`). Several
 * instances may run it at once: each digest is claimed by moving `since` forward with a
 * compare-and-set, and only the instance that moved it sends.
 */
export class DigestScheduler {
  private timer: ReturnType<typeof setInterval> | null = null
  private running: Promise<number> | null = null

  constructor(private readonly o: DigestSchedulerOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.runDue(), this.o.tickMs)
    this.timer.unref?.()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }

  /** One pass (never two at once); resolves with the number of mails sent. */
  runDue(): Promise<number> {
    this.running ??= this.pass()
      .catch((err: unknown) => {
        this.o.logger.error({ err }, 'digest pass failed')
        return 0
      })
      .finally(() => (this.running = null))
    return this.running
  }

  private async pass(): Promise<number> {
    const now = this.o.clock()
    const rows = await candidates(this.o.db)
    // Each alliance's plan is read once per pass, and only if one of its members has a digest due.
    const plans = new Map<string, Promise<Y.Doc>>()
    const planOf = (workspaceId: string) => plans.get(workspaceId) ?? plans.set(workspaceId, loadStoredDoc(this.o.store, workspaceId, 'plan')).get(workspaceId)!
    try {
      return await this.sendDue(rows, now, planOf)
    } finally {
      for (const plan of plans.values())
        void plan.then(
          (doc) => doc.destroy(),
          () => undefined,
        )
    }
  }

  private async sendDue(rows: DueRow[], now: Date, planOf: (workspaceId: string) => Promise<Y.Doc>): Promise<number> {
    let sent = 0
    for (const row of rows) {
      const preference = toPreference(row, now)
      if (!preference.stored) {
        await this.record(row.workspace_id, row.user_id, preference, now)
        continue
      }
      if (preference.frequency === 'off' || nextDigestAt(new Date(preference.since), preference.frequency) > now) continue
      const recipient: DigestRecipient = {
        workspaceId: row.workspace_id,
        workspaceName: row.workspace_name,
        userId: row.user_id,
        name: row.name,
        email: row.email,
      }
      try {
        if (await this.sendOne(recipient, { ...preference, frequency: preference.frequency }, now, planOf)) sent++
      } catch (err) {
        this.o.logger.error({ err, workspaceId: row.workspace_id, userId: row.user_id }, 'digest not sent')
      }
    }
    return sent
  }

  private async sendOne(
    recipient: DigestRecipient,
    preference: StoredPreference & { frequency: 'daily' | 'weekly' },
    now: Date,
    planOf: (workspaceId: string) => Promise<Y.Doc>,
  ): Promise<boolean> {
    if (!(await this.claim(recipient, preference, now))) return false
    const token = unsubscribeToken(this.o.secret, recipient.workspaceId, recipient.userId)
    const unsubscribeUrl = `${this.o.baseUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`
    const data = await collectDigest(
      this.o.db,
      await planOf(recipient.workspaceId),
      recipient,
      preference,
      { from: new Date(preference.since), to: now },
      {
        appUrl: `${this.o.baseUrl}/alliances/${encodeURIComponent(recipient.workspaceId)}`,
        unsubscribeUrl,
      },
    )
    if (isEmptyDigest(data)) return false
    const mail = composeDigest(data)
    try {
      await this.o.mailer.send({ to: recipient.email, ...mail, headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } })
    } catch (err) {
      // Not sent: give the period back, so the next pass tries again with everything in it.
      await this.o.db
        .updateTable('digest_preference')
        .set({ since: preference.since, last_sent_at: preference.lastSentAt })
        .where('workspace_id', '=', recipient.workspaceId)
        .where('user_id', '=', recipient.userId)
        .where('since', '=', now.toISOString())
        .execute()
      throw err
    }
    return true
  }

  /** A member seen for the first time: their first period starts now (another instance may have recorded them first). */
  private async record(workspaceId: string, userId: string, preference: StoredPreference, now: Date): Promise<void> {
    const at = now.toISOString()
    await this.o.db
      .insertInto('digest_preference')
      .values({
        workspace_id: workspaceId,
        user_id: userId,
        frequency: preference.frequency,
        language: preference.language,
        since: at,
        last_sent_at: null,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
      .execute()
  }

  /** Moves the member's period start to `now` if nobody else did: true when this instance owns the digest. */
  private async claim(recipient: DigestRecipient, preference: StoredPreference, now: Date): Promise<boolean> {
    const at = now.toISOString()
    const { workspaceId, userId } = recipient
    const res = await this.o.db
      .updateTable('digest_preference')
      .set({ since: at, last_sent_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('since', '=', preference.since)
      .where('frequency', '!=', 'off')
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }
}

/** Every member with digests not turned off, with what their digest needs. */
function candidates(db: Kysely<Database>) {
  return db
    .selectFrom('member')
    .innerJoin('user', 'user.id', 'member.user_id')
    .innerJoin('workspace', 'workspace.id', 'member.workspace_id')
    .leftJoin('digest_preference', (j) =>
      j.onRef('digest_preference.workspace_id', '=', 'member.workspace_id').onRef('digest_preference.user_id', '=', 'member.user_id'),
    )
    .select([
      'member.workspace_id',
      'member.user_id',
      'user.name',
      'user.email',
      'user.locale',
      'workspace.name as workspace_name',
      'digest_preference.frequency',
      'digest_preference.language',
      'digest_preference.since',
      'digest_preference.last_sent_at',
    ])
    .where((eb) => eb.or([eb('digest_preference.frequency', 'is', null), eb('digest_preference.frequency', '!=', 'off')]))
    .execute()
}
type DueRow = Awaited<ReturnType<typeof candidates>>[number]
