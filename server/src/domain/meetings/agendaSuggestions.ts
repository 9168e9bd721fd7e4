import { agendaSuggestionNote, agendaSuggestions, readDocumentMeta, todayIso, type AgendaItem, type AgendaSuggestion } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { Membership } from '../members.ts'
import type { DocAccess } from './docAccess.ts'
import type { MeetingService } from './service.ts'

/**
 * "Suggest agenda" (GOV17, GOV20, GOV27, GOV28): the plan's blocked and overdue actions, its operational
 * objectives off track, its late indicator values and the partners the balance flags, read from the plan document — for every body:
 * the bodies have a steering level, not a kind that says "steering committee" — then the documents
 * awaiting sign-off (an open sign-off round, read from the sign-off
 * tables), minus what the agenda already names.
 */
export class AgendaSuggester {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly docs: DocAccess,
    private readonly meetings: MeetingService,
    private readonly clock: Clock = systemClock,
  ) {}

  async suggestions(workspaceId: string, meetingId: string): Promise<AgendaSuggestion[]> {
    const agenda = await this.meetings.agenda(meetingId)
    // Actions by id; objectives and indicators (which an item does not link) by their title and notes.
    const actionsOnAgenda = new Set(agenda.flatMap((i) => (i.actionId ? [i.actionId] : [`${i.title}\n${i.notes}`])))
    const docsOnAgenda = new Set(agenda.flatMap((i) => (i.docName ? [i.docName] : [])))
    const partners = await this.db.selectFrom('partner').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute()
    const names = new Map(partners.map((p) => [p.id, p.name]))
    const actions = await this.docs.read(workspaceId, 'plan', (doc) => agendaSuggestions(doc, todayIso(this.clock()), actionsOnAgenda, names))
    return [...actions, ...(await this.awaitingSignoff(workspaceId, docsOnAgenda))]
  }

  /** Documents with an open sign-off round, oldest proposal first, titled after the document (or the proposed version). */
  private async awaitingSignoff(workspaceId: string, onAgenda: ReadonlySet<string>): Promise<AgendaSuggestion[]> {
    const rounds = await this.db
      .selectFrom('signoff_round')
      .innerJoin('document_version', 'document_version.id', 'signoff_round.version_id')
      .select(['signoff_round.doc_name', 'document_version.name'])
      .where('signoff_round.workspace_id', '=', workspaceId)
      .where('signoff_round.status', '=', 'open')
      .orderBy('signoff_round.proposed_at')
      .execute()
    const out: AgendaSuggestion[] = []
    for (const round of rounds) {
      if (onAgenda.has(round.doc_name) || out.some((s) => s.docName === round.doc_name)) continue
      const title = await this.docs.read(workspaceId, round.doc_name, (doc) => readDocumentMeta(doc).title)
      out.push({
        reason: 'signoff',
        actionId: null,
        docName: round.doc_name,
        title: typeof title === 'string' && title.trim() ? title : round.name,
        deadline: null,
      })
    }
    return out
  }

  /** Adds every suggestion to the agenda, titled after its action or document. */
  async addSuggestions(actor: Membership, meetingId: string): Promise<AgendaItem[]> {
    const added: AgendaItem[] = []
    for (const s of await this.suggestions(actor.workspaceId, meetingId)) {
      const notes = agendaSuggestionNote(s)
      added.push(await this.meetings.addAgendaItem(actor, meetingId, { title: s.title, notes, actionId: s.actionId, docName: s.docName }))
    }
    return added
  }
}
