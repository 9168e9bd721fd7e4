import { can, type ExportFile, todayIso } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { forbidden } from '../../errors.ts'
import { type Clock, systemClock } from '../clock.ts'
import { participationRows } from '../balance/participation.ts'
import type { HistoryJobRunner } from '../history/jobRunner.ts'
import { decisions, presentDecision } from '../meetings/rows.ts'
import type { Membership } from '../members.ts'
import { listMembers } from '../members.ts'
import { listPartners } from '../partners.ts'
import { getWorkspace } from '../workspaces.ts'
import type { ReportContext } from './data.ts'

/**
 * The reports of the « Rapports » page (docs/SPEC.md EXP): the event loop gathers the few rows a
 * report names (the workspace, its partners and members, the year's decisions), and the plan is read
 * and the file laid out on a document thread (EXP6), counted as one of the member's history jobs
 * (LOOP4: at most two at once per member, the pool's queue for everyone; past either, 429).
 */
export class ReportService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly jobs: HistoryJobRunner,
    private readonly clock: Clock = systemClock,
  ) {}

  async export(actor: Membership, file: ExportFile): Promise<Uint8Array> {
    if (!can(actor, 'workspace.read')) throw forbidden()
    const { workspaceId } = actor
    // Participation (EXP8) only for the files that show it.
    const withParticipation = file.kind === 'review' || file.report === 'balance'
    const [workspace, partners, members, yearDecisions, participation] = await Promise.all([
      getWorkspace(this.db, workspaceId),
      listPartners(this.db, workspaceId),
      listMembers(this.db, workspaceId),
      file.kind === 'review' ? this.decisionsOf(workspaceId, file.year) : Promise.resolve([]),
      withParticipation ? participationRows(this.db, workspaceId) : Promise.resolve(null),
    ])
    const context: ReportContext = {
      workspaceName: workspace.name,
      partners: partners.map((p) => ({ id: p.id, name: p.name })),
      // Names only: a report is passed on outside the alliance, e-mails stay in it.
      people: members.map((m) => ({ id: m.userId, name: m.name })),
      decisions: yearDecisions,
      today: todayIso(this.clock()),
      participation: participation
        ? { partnerOf: participation.partnerOf, attendance: participation.attendance, ballots: participation.ballots }
        : { partnerOf: [], attendance: [], ballots: [] },
    }
    return this.jobs.run(actor, 'report', { key: { workspaceId, docName: 'plan' }, file, context })
  }

  /** The register's decisions of `year`, as the register shows them to a member (GOV18). */
  private async decisionsOf(workspaceId: string, year: number) {
    const rows = await decisions(this.db)
      .where('decision.workspace_id', '=', workspaceId)
      .where('decision.decided_at', '>=', `${year}-01-01`)
      .where('decision.decided_at', '<', `${year + 1}-01-01`)
      .orderBy('decision.decided_at', 'asc')
      .orderBy('decision.id')
      .limit(1000)
      .execute()
    return rows.map(presentDecision)
  }
}
