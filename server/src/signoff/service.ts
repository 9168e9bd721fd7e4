import {
  ADOPTION_RULES_DOC,
  ADOPTION_RULES_KEY,
  adoptionOutcome,
  adoptionRuleFor,
  adoptionRuleSchema,
  can,
  docKind,
  documentMetaOf,
  newId,
  readDocumentMeta,
  type AdoptionOutcome,
  type ProposeInput,
  type SignoffRoundView,
  type SignoffVote,
  type SignoffVoteView,
  type VoteInput,
} from '@ensemble/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { RoomRegistry } from '../collab/rooms.ts'
import { documentRows } from '../db/documentRows.ts'
import type { Database, SignoffRoundTable } from '../db/schema.ts'
import { systemClock, type Clock } from '../domain/clock.ts'
import type { CommentService } from '../domain/comments/service.ts'
import type { Membership } from '../domain/members.ts'
import type { ExportFormat } from './export/index.ts'
import { listPartners } from '../domain/partners.ts'
import { conflict, forbidden, notFound, validationFailed } from '../errors.ts'
import type { DocumentDiff } from '../history/diff.ts'
import type { DocumentJson } from '../history/documentJson.ts'
import { restoreInto } from '../history/restore.ts'
import { documentLocked, type HistoryService, type VersionView } from '../history/service.ts'
import { appendAudit, auditHead, listAudit, withAuditRetry, type AuditEntry, type AuditInput } from './audit.ts'

type RoundRow = Selectable<SignoffRoundTable>

/**
 * What an adopted document's export shows: the text, who approved it for each partner, its hash.
 * The text and title are read on the document thread that lays the export out (history/jobs.ts).
 */
export interface AdoptedRecord {
  round: SignoffRoundView
  version: VersionView
  document: DocumentJson
  title: string
  /** The hash of the workspace's last audit entry when exported: `audit:verify --head` checks it later (SIGN12). */
  auditHead: string | null
}

/**
 * Sign-off of a rich text: a steering member proposes a version (its content hash is frozen and the
 * document becomes `proposed`), each partner's representative approves, abstains or objects; when
 * every partner approved, the version's text is put back in place if it had moved, the document
 * becomes `adopted` and the rules lock it (PERM10). Unlocking starts an amendment: the next proposal
 * needs re-approval of the changed clauses only. Every step is written to the hash-chained audit.
 */
export class SignoffService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly history: HistoryService,
    private readonly rooms: RoomRegistry,
    private readonly comments: CommentService,
    /** Seals each audit entry (SIGN12); it never goes into the database. */
    private readonly auditKey: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Runs `work` in one transaction with the audit entries it appends, sealed, retried on a seq collision. */
  private audited<T>(work: (trx: Transaction<Database>, audit: (input: AuditInput) => Promise<AuditEntry>) => Promise<T>): Promise<T> {
    return withAuditRetry(this.db, (trx) => work(trx, (input) => appendAudit(trx, input, this.auditKey)))
  }

  private now(): string {
    return this.clock().toISOString()
  }

  private checkDoc(docName: string): void {
    if (docKind(docName) !== 'richText') throw notFound('Document to sign')
  }

  /** Sets the document's sign-off state as a server change (ROOM9), after `check` passes on the live state. */
  private async setStatus(workspaceId: string, docName: string, check: (status: string) => void, apply: (doc: import('yjs').Doc) => void): Promise<void> {
    await this.rooms.applyServerChange({ workspaceId, docName }, (live) => {
      check(readDocumentMeta(live).status ?? 'draft')
      apply(live)
    })
  }

  // ---- reading ----

  async rounds(workspaceId: string, docName: string): Promise<SignoffRoundView[]> {
    this.checkDoc(docName)
    const rows = await this.roundsOf(this.db, workspaceId, docName).orderBy('proposed_at', 'asc').orderBy('id', 'asc').execute()
    return Promise.all(rows.map((row) => this.view(row)))
  }

  async round(workspaceId: string, docName: string, roundId: string): Promise<SignoffRoundView> {
    return this.view(await this.roundRow(this.db, workspaceId, docName, roundId))
  }

  /** The latest adopted round of the document (its text is read where the export is laid out). */
  async adopted(workspaceId: string, docName: string): Promise<Omit<AdoptedRecord, 'document' | 'title'>> {
    this.checkDoc(docName)
    const row = await this.lastAdopted(workspaceId, docName)
    if (!row) throw notFound('Adopted version')
    const version = await this.history.version(workspaceId, docName, row.version_id)
    return { round: await this.view(row), version, auditHead: await auditHead(this.db, workspaceId) }
  }

  /** The adopted version exported to `format`, laid out on a document thread (history/jobs.ts). */
  async exportAdopted(actor: Membership, docName: string, format: ExportFormat): Promise<Uint8Array> {
    const record = await this.adopted(actor.workspaceId, docName)
    return this.history.jobs.run(actor, 'exportAdopted', { key: { workspaceId: actor.workspaceId, docName }, rowId: record.version.rowId, format, record })
  }

  async audit(workspaceId: string, docName: string): Promise<AuditEntry[]> {
    this.checkDoc(docName)
    return listAudit(this.db, workspaceId, docName)
  }

  // ---- writing ----

  /**
   * Proposes a version (named now from the current state when no version id is given). After an
   * adoption, this is an amendment: the diff against the adopted text comes back and only the
   * changed clauses need re-approval.
   */
  async propose(actor: Membership, docName: string, input: ProposeInput): Promise<{ round: SignoffRoundView; diff: DocumentDiff | null }> {
    this.checkDoc(docName)
    if (!can(actor, 'signoff.manage')) throw forbidden()
    const { workspaceId } = actor
    const open = await this.openRound(workspaceId, docName)
    if (open) throw conflict('A proposal of this document is already open.')
    // Checked again when the status changes; checked here so a refused proposal names no version.
    const meta = await this.history.meta(actor, { workspaceId, docName })
    if (meta.status === 'adopted') throw documentLocked()
    const version = input.versionId
      ? await this.history.version(workspaceId, docName, input.versionId)
      : await this.history.createVersion(actor, docName, { name: input.name! })
    const base = await this.lastAdopted(workspaceId, docName)
    // The charter's rule as it stands now: a later change of the charter leaves this round's rule alone.
    const charterMeta = await this.history.meta(actor, { workspaceId, docName: ADOPTION_RULES_DOC })
    const rule = adoptionRuleFor(charterMeta[ADOPTION_RULES_KEY], docName)
    // The clauses to approve (only the changed ones after an adoption) and the diff, worked out on a document thread.
    const baseRowId = base ? (await this.history.version(workspaceId, docName, base.version_id)).rowId : null
    const { clauses, diff } = await this.history.jobs.run(actor, 'proposal', { key: { workspaceId, docName }, rowId: version.rowId, baseRowId })
    if (base && clauses.length === 0) throw conflict('This version does not change the adopted text.')
    await this.setStatus(
      workspaceId,
      docName,
      (status) => {
        if (status === 'adopted') throw documentLocked()
      },
      (live) => documentMetaOf(live).set('status', 'proposed'),
    )
    const row: RoundRow = {
      id: newId(),
      workspace_id: workspaceId,
      doc_name: docName,
      version_id: version.id,
      kind: base ? 'amendment' : 'adoption',
      status: 'open',
      content_hash: version.contentHash,
      base_round_id: base?.id ?? null,
      clauses: JSON.stringify(clauses),
      adoption_rule: rule,
      proposed_by: actor.userId,
      proposed_at: this.now(),
      closed_at: null,
    }
    await this.audited(async (trx, audit) => {
      await trx.insertInto('signoff_round').values(row).execute()
      await audit({
        workspaceId,
        actorId: actor.userId,
        action: 'proposed',
        docName,
        at: row.proposed_at,
        detail: { roundId: row.id, kind: row.kind, rule, versionId: version.id, contentHash: row.content_hash, baseHash: base?.content_hash ?? null, clauses },
      })
    })
    await this.requestSignoffs(workspaceId, docName, row.id, actor.userId, row.proposed_at)
    return { round: await this.view(row), diff }
  }

  /** Each partner's representative (but the proposer) finds the proposal in their inbox, unread until they answer. */
  private async requestSignoffs(workspaceId: string, docName: string, roundId: string, proposerId: string, at: string): Promise<void> {
    const representatives = await this.db
      .selectFrom('partner')
      .select('representative_id')
      .where('workspace_id', '=', workspaceId)
      .where('representative_id', 'is not', null)
      .where('representative_id', '!=', proposerId)
      .execute()
    const userIds = [...new Set(representatives.map((r) => r.representative_id!))]
    if (userIds.length === 0) return
    await this.db
      .insertInto('inbox_item')
      .values(
        userIds.map((userId) => ({
          id: newId(),
          workspace_id: workspaceId,
          user_id: userId,
          kind: 'signoff.requested',
          thread_id: null,
          message_id: null,
          doc_name: docName,
          target_id: roundId,
          fields: null,
          actor_id: proposerId,
          created_at: at,
          read_at: null,
        })),
      )
      .execute()
    await this.comments.publishInbox(workspaceId, userIds)
  }

  /** Answered, or the round closed: the sign-off requests of `userIds` (all when omitted) leave the unread count. */
  private async settleRequests(workspaceId: string, roundId: string, at: string, userIds?: string[]): Promise<void> {
    let query = this.db
      .updateTable('inbox_item')
      .set({ read_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'signoff.requested')
      .where('target_id', '=', roundId)
      .where('read_at', 'is', null)
    if (userIds) query = query.where('user_id', 'in', userIds)
    const settled = await query.returning('user_id').execute()
    if (settled.length) await this.comments.publishInbox(workspaceId, [...new Set(settled.map((r) => r.user_id))])
  }

  /**
   * A representative's answer for their partner (replacing an earlier one). An objection opens a
   * comment thread on the clause. The round is adopted once its rule is met (an abstention may
   * complete a consensus, so every answer is counted).
   */
  async vote(actor: Membership, docName: string, roundId: string, input: VoteInput): Promise<SignoffRoundView> {
    this.checkDoc(docName)
    const { workspaceId } = actor
    const round = await this.roundRow(this.db, workspaceId, docName, roundId)
    if (round.status !== 'open') throw conflict('This proposal is closed.')
    const partner = await this.db
      .selectFrom('partner')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('representative_id', '=', actor.userId)
      .executeTakeFirst()
    if (!partner || !can(actor, 'signoff.vote')) throw forbidden('Only the representative of a partner answers for it.')
    const clauses = JSON.parse(round.clauses) as string[]
    if (input.clause !== undefined && !clauses.includes(input.clause)) throw validationFailed('This clause is not part of the proposal.', 'clause')
    let threadId: string | null = null
    if (input.vote === 'object') {
      const quote = input.clause ?? clauses[0] ?? ''
      const created = await this.comments.createThread(actor, {
        targetKind: 'document',
        docName,
        targetId: null,
        field: null,
        anchor: quote ? { quote } : null,
        body: input.comment!,
      })
      threadId = created.thread.id
    }
    const at = this.now()
    const action = ({ approve: 'approved', abstain: 'abstained', object: 'objected' } as const)[input.vote]
    await this.audited(async (trx, audit) => {
      await trx.deleteFrom('signoff_vote').where('round_id', '=', roundId).where('partner_id', '=', partner.id).execute()
      await trx
        .insertInto('signoff_vote')
        .values({ round_id: roundId, partner_id: partner.id, user_id: actor.userId, vote: input.vote, comment: input.comment ?? null, clause: input.clause ?? null, thread_id: threadId, at })
        .execute()
      await audit({
        workspaceId,
        actorId: actor.userId,
        action,
        docName,
        at,
        detail: { roundId, partnerId: partner.id, contentHash: round.content_hash, clause: input.clause ?? null, comment: input.comment ?? null, threadId },
      })
    })
    await this.settleRequests(workspaceId, roundId, at, [actor.userId])
    await this.adoptIfMet(workspaceId, docName, roundId)
    return this.round(workspaceId, docName, roundId)
  }

  /** Withdraws an open proposal: the document is a draft again. */
  async withdraw(actor: Membership, docName: string, roundId: string): Promise<SignoffRoundView> {
    this.checkDoc(docName)
    if (!can(actor, 'signoff.manage')) throw forbidden()
    const round = await this.roundRow(this.db, actor.workspaceId, docName, roundId)
    if (round.status !== 'open') throw conflict('This proposal is closed.')
    const at = this.now()
    await this.audited(async (trx, audit) => {
      await trx.updateTable('signoff_round').set({ status: 'withdrawn', closed_at: at }).where('id', '=', roundId).execute()
      await audit({ workspaceId: actor.workspaceId, actorId: actor.userId, action: 'withdrawn', docName, at, detail: { roundId } })
    })
    await this.settleRequests(actor.workspaceId, roundId, at)
    await this.setStatus(actor.workspaceId, docName, () => {}, (live) => documentMetaOf(live).set('status', 'draft'))
    return this.round(actor.workspaceId, docName, roundId)
  }

  /** Unlocks an adopted document for an amendment; the adopted version and its hash stay on record. */
  async unlock(actor: Membership, docName: string): Promise<void> {
    this.checkDoc(docName)
    if (!can(actor, 'signoff.manage')) throw forbidden()
    const base = await this.lastAdopted(actor.workspaceId, docName)
    await this.setStatus(
      actor.workspaceId,
      docName,
      (status) => {
        if (status !== 'adopted') throw conflict('Only an adopted document is unlocked.')
      },
      (live) => documentMetaOf(live).set('status', 'draft'),
    )
    await this.audited((_trx, audit) =>
      audit({
        workspaceId: actor.workspaceId,
        actorId: actor.userId,
        action: 'unlocked',
        docName,
        at: this.now(),
        detail: { adoptedRoundId: base?.id ?? null, adoptedHash: base?.content_hash ?? null },
      }),
    )
  }

  // ---- internals ----

  /** The round's rule over the alliance's partners and their answers so far. */
  private async outcome(row: RoundRow, partnerIds?: string[]): Promise<AdoptionOutcome> {
    const partners = partnerIds ?? (await listPartners(this.db, row.workspace_id)).map((p) => p.id)
    const votes = await this.db.selectFrom('signoff_vote').select(['partner_id', 'vote']).where('round_id', '=', row.id).execute()
    const answers = votes.map((v) => ({ partnerId: v.partner_id, vote: v.vote as SignoffVote }))
    return adoptionOutcome(adoptionRuleSchema.catch('unanimity').parse(row.adoption_rule), answers, partners)
  }

  private async adoptIfMet(workspaceId: string, docName: string, roundId: string): Promise<void> {
    const outcome = await this.outcome(await this.roundRow(this.db, workspaceId, docName, roundId))
    if (!outcome.adopted) return
    const at = this.now()
    // Close the round first (only one caller wins), then lock the document on that version's text.
    const closed = await this.audited(async (trx, audit) => {
      const result = await trx
        .updateTable('signoff_round')
        .set({ status: 'adopted', closed_at: at })
        .where('id', '=', roundId)
        .where('status', '=', 'open')
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return null
      const round = await this.roundRow(trx, workspaceId, docName, roundId)
      await audit({
        workspaceId,
        actorId: null,
        action: 'adopted',
        docName,
        at,
        detail: {
          roundId,
          versionId: round.version_id,
          contentHash: round.content_hash,
          rule: outcome.rule,
          approvals: outcome.approvals,
          abstentions: outcome.abstentions,
          objections: outcome.objections,
          partners: outcome.partners,
        },
      })
      return round
    })
    if (!closed) return
    // Under a rule other than unanimity, partners may still be silent: their requests are settled too.
    await this.settleRequests(workspaceId, roundId, at)
    // The server's own job (null): the round is closed already, so it is never refused for being busy.
    const source = await this.history.sourceDoc(null, { workspaceId, docName }, (await this.history.version(workspaceId, docName, closed.version_id)).rowId)
    try {
      await this.setStatus(workspaceId, docName, () => {}, (live) => {
        restoreInto(live, source, docName)
        const meta = documentMetaOf(live)
        meta.set('status', 'adopted')
        meta.set('adoptedVersionId', closed.version_id)
      })
    } finally {
      source.destroy()
    }
  }

  /** The document's rounds, as a query to refine. */
  private roundsOf(db: Kysely<Database> | Transaction<Database>, workspaceId: string, docName: string) {
    return documentRows(db, 'signoff_round', workspaceId, docName)
  }

  private async openRound(workspaceId: string, docName: string): Promise<RoundRow | undefined> {
    return this.roundsOf(this.db, workspaceId, docName).where('status', '=', 'open').executeTakeFirst()
  }

  private async lastAdopted(workspaceId: string, docName: string): Promise<RoundRow | undefined> {
    return this.roundsOf(this.db, workspaceId, docName).where('status', '=', 'adopted').orderBy('closed_at', 'desc').limit(1).executeTakeFirst()
  }

  private async roundRow(db: Kysely<Database> | Transaction<Database>, workspaceId: string, docName: string, roundId: string): Promise<RoundRow> {
    const row = await this.roundsOf(db, workspaceId, docName).where('id', '=', roundId).executeTakeFirst()
    if (!row) throw notFound('Proposal')
    return row
  }

  private async view(row: RoundRow): Promise<SignoffRoundView> {
    const partners = await listPartners(this.db, row.workspace_id)
    const votes = await this.db.selectFrom('signoff_vote').selectAll().where('round_id', '=', row.id).execute()
    const version = await this.history.version(row.workspace_id, row.doc_name, row.version_id)
    const base = row.base_round_id ? await this.db.selectFrom('signoff_round').select('content_hash').where('id', '=', row.base_round_id).executeTakeFirst() : undefined
    const userIds = [...new Set([...votes.map((v) => v.user_id), ...partners.flatMap((p) => (p.representativeId ? [p.representativeId] : []))])]
    const outcome = await this.outcome(row, partners.map((p) => p.id))
    const users = userIds.length ? await this.db.selectFrom('user').select(['id', 'name']).where('id', 'in', userIds).execute() : []
    const nameOf = new Map(users.map((u) => [u.id, u.name]))
    return {
      id: row.id,
      docName: row.doc_name,
      versionId: row.version_id,
      versionName: version.name,
      kind: row.kind as SignoffRoundView['kind'],
      status: row.status as SignoffRoundView['status'],
      contentHash: row.content_hash,
      baseRoundId: row.base_round_id,
      baseHash: base?.content_hash ?? null,
      clauses: JSON.parse(row.clauses) as string[],
      rule: outcome.rule,
      outcome,
      proposedBy: row.proposed_by,
      proposedAt: row.proposed_at,
      closedAt: row.closed_at,
      votes: partners.map((p): SignoffVoteView => {
        const vote = votes.find((v) => v.partner_id === p.id)
        const userId = vote?.user_id ?? p.representativeId
        return {
          partnerId: p.id,
          partnerName: p.name,
          userId,
          userName: userId ? (nameOf.get(userId) ?? null) : null,
          vote: (vote?.vote as SignoffVote | undefined) ?? null,
          comment: vote?.comment ?? null,
          clause: vote?.clause ?? null,
          threadId: vote?.thread_id ?? null,
          at: vote?.at ?? null,
        }
      }),
    }
  }
}
