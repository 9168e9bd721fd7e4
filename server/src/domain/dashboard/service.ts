import { allianceBalance, balanceAttention, bounded, DASHBOARD_LIMITS, planAttention, todayIso, type AttentionSection, type Dashboard } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { CommentService } from '../comments/service.ts'
import type { DocAccess } from '../meetings/docAccess.ts'
import type { Membership } from '../members.ts'
import { PlanAnalyses } from './planAnalyses.ts'

/**
 * The dashboard of one member (docs/SPEC.md DASH): their attention list — from the plan document
 * (actions, objectives, values due), the inbox, the sign-off rounds and the meetings — then the
 * alliance view. Each source is one producer of sections (the partners' balance alerts, DASH11, from
 * the sheet kept beside the plan's analysis); a new kind is one more producer here and one more
 * section kind in shared/src/dashboard.
 */
export class DashboardService {
  private readonly analyses = new PlanAnalyses()

  constructor(
    private readonly db: Kysely<Database>,
    private readonly docs: DocAccess,
    private readonly comments: CommentService,
    private readonly clock: Clock = systemClock,
  ) {}

  async dashboard(member: Membership): Promise<Dashboard> {
    const now = this.clock()
    const today = todayIso(now)
    const reader = { userId: member.userId, partnerId: member.partnerId }
    const [plan, names, inbox, signoff, meeting] = await Promise.all([
      // The reader-independent part (DASH7) and the balance sheet; the names and the reader's mark after.
      this.docs.read(member.workspaceId, 'plan', (doc) => {
        const analysis = this.analyses.of(doc, today)
        return { sections: planAttention(analysis, reader), alliance: analysis.alliance, sheet: this.analyses.balanceOf(doc, today) }
      }),
      this.partnerNames(member.workspaceId),
      this.inbox(member),
      this.signoff(member),
      this.nextMeeting(member.workspaceId, now.toISOString()),
    ])
    return {
      today,
      attention: [...plan.sections, balanceAttention(plan.sheet, today, reader, names), inbox, signoff, meeting],
      alliance: { ...plan.alliance, balance: allianceBalance(plan.sheet, today, names) },
    }
  }

  /** The alliance's partners, id → name, in the order of their names (DASH11–DASH12). */
  private async partnerNames(workspaceId: string): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('partner').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute()
    return new Map(rows.map((p) => [p.id, p.name]))
  }

  /** DASH3: the member's unread inbox items, newest first. */
  private async inbox({ workspaceId, userId }: Membership): Promise<AttentionSection> {
    const items = await this.comments.listInbox(workspaceId, userId, true)
    return bounded(
      'inbox',
      items.map(({ id, kind, docName, targetId, excerpt, createdAt }) => ({ id, kind, docName, targetId, excerpt, createdAt })),
    )
  }

  /** DASH3: open sign-off rounds the member's partner has not answered, when they represent it. */
  private async signoff({ workspaceId, userId }: Membership): Promise<AttentionSection> {
    const rows = await this.db
      .selectFrom('signoff_round as r')
      .innerJoin('partner as p', (join) => join.onRef('p.workspace_id', '=', 'r.workspace_id').on('p.representative_id', '=', userId))
      .select(['r.id', 'r.doc_name', 'r.proposed_at'])
      .where('r.workspace_id', '=', workspaceId)
      .where('r.status', '=', 'open')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('signoff_vote as v').select('v.round_id').whereRef('v.round_id', '=', 'r.id').whereRef('v.partner_id', '=', 'p.id'))),
      )
      .orderBy('r.proposed_at')
      .orderBy('r.id')
      .execute()
    const rounds = [...new Map(rows.map((r) => [r.id, { roundId: r.id, docName: r.doc_name, proposedAt: r.proposed_at }])).values()]
    return bounded('signoff', rounds)
  }

  /** DASH3: the next meeting not over yet (and not cancelled); the total counts the ones to come. */
  private async nextMeeting(workspaceId: string, now: string): Promise<AttentionSection> {
    const rows = await this.db
      .selectFrom('meeting')
      .select(['id', 'title', 'starts_at', 'place'])
      .where('workspace_id', '=', workspaceId)
      .where('status', 'in', ['scheduled', 'in_progress'])
      .where('ends_at', '>=', now)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(DASHBOARD_LIMITS.items * 10)
      .execute()
    return bounded(
      'meeting',
      rows.map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at, place: m.place })),
      1,
    )
  }
}
