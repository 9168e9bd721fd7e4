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
  type Partner,
  type ProposeInput,
  type SignoffArticles,
  type SignoffAuditProblem,
  type SignoffRoundView,
  type SignoffVote,
  type SignoffVoteView,
  type VoteInput,
} from '@ensemble/shared'
import type { Kysely, Transaction } from 'kysely'
import type { RoomRegistry } from '../../collab/rooms.ts'
import { documentRows } from '../../db/documentRows.ts'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../clock.ts'
import type { CommentService } from '../comments/service.ts'
import type { Membership } from '../members.ts'
import type { ExportFormat } from './export/index.ts'
import { listPartners } from '../partners.ts'
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../errors.ts'
import type { DocumentDiff } from '../history/diff.ts'
import type { JobMember } from '../history/jobRunner.ts'
import { restoreInto } from '../history/restore.ts'
import { documentLocked, type HistoryService } from '../history/service.ts'
import { titleOf, type AdoptedRecord } from './adoptedRecord.ts'
import { appendAudit, auditHead, listAudit, withAuditRetry, type AuditEntry, type AuditInput } from './audit.ts'
import type { SignoffConfirmations } from './confirmation.ts'
import { auditHeadOf } from './head.ts'
import { checkChain, type ChainCheck } from './integrity/chain.ts'
import {
  clauseApprovers,
  compareRound,
  countedAnswers,
  recordedAnswers,
  recordedRound,
  roundRecords,
  type RecordedRound,
  type RoundRecord,
  type RoundRow,
} from './integrity/rounds.ts'

/** The workspace's audit chain, checked with the key: the rounds its sealed entries record. */
interface CheckedChain {
  check: ChainCheck
  records: Map<string, RoundRecord>
}

/** A round's rows or adopted text differ from its sealed audit entries: shown, never acted on. */
const auditMismatch = (message: string) => new AppError(409, 'audit_mismatch', message)

/**
 * Sign-off of a rich text: a steering member proposes a version (its content hash is frozen and the
 * document becomes `proposed`), each partner's representative approves, abstains or objects; when
 * every partner approved, the version's text is put back in place if it had moved, the document
 * becomes `adopted` and the rules lock it (PERM10). Unlocking starts an amendment: the next proposal
 * needs re-approval of the changed clauses only. Every step is written to the hash-chained audit,
 * and the audit is what the service reads back: a round's status, rule, text hash and answers come
 * from its sealed entries, its rows are compared with them (AUDIT5), and a closed round is confirmed
 * by mail to each partner's representative with the chain's head (AUDIT4).
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
    /** Mails each partner's representative when a round closes; none: no mail (an app without a mailer). */
    private readonly confirmations: SignoffConfirmations | null = null,
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

  /** The document's rounds, oldest first: every round its rows or its sealed entries know of. */
  async rounds(workspaceId: string, docName: string): Promise<SignoffRoundView[]> {
    this.checkDoc(docName)
    const chain = await this.chain(workspaceId)
    const rows = await this.roundsOf(this.db, workspaceId, docName).select('id').orderBy('proposed_at', 'asc').orderBy('id', 'asc').execute()
    // A round deleted from the database is still shown, from its entries, with the problem.
    const ids = [...new Set([...rows.map((r) => r.id), ...this.recordedRounds(chain, docName).map((r) => r.id)])]
    const partners = await listPartners(this.db, workspaceId)
    const views = await Promise.all(ids.map((id) => this.view(workspaceId, docName, id, chain, partners)))
    return views.sort((a, b) => (a.proposedAt < b.proposedAt ? -1 : a.proposedAt > b.proposedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  async round(workspaceId: string, docName: string, roundId: string): Promise<SignoffRoundView> {
    this.checkDoc(docName)
    return this.view(workspaceId, docName, roundId, await this.chain(workspaceId))
  }

  /**
   * The latest adopted round of the document, for exports: only as its sealed entries record it,
   * and only when its rows and the version's text still match them (409 `audit_mismatch` otherwise:
   * an export would print what the audit trail does not vouch for). The text is hashed, and later
   * laid out, on a document thread (history/jobs.ts).
   */
  async adopted(actor: JobMember, docName: string): Promise<Omit<AdoptedRecord, 'document' | 'title'>> {
    this.checkDoc(docName)
    const { workspaceId } = actor
    const chain = await this.chain(workspaceId)
    const recorded = this.lastAdopted(chain, docName)
    if (!recorded) throw notFound('Adopted version')
    const round = await this.view(workspaceId, docName, recorded.id, chain)
    if (!round.audit.ok) throw auditMismatch('The stored sign-off of this version does not match its sealed audit entries.')
    const version = await this.history.version(workspaceId, docName, recorded.versionId)
    const { contentHash } = await this.history.jobs.run(actor, 'contentHash', { key: { workspaceId, docName }, rowId: version.rowId })
    if (contentHash !== recorded.contentHash) throw auditMismatch('The stored text of this version no longer has the hash its partners adopted.')
    return { round, version, auditHead: await auditHead(this.db, workspaceId) }
  }

  /** The adopted version exported to `format`, laid out on a document thread (history/jobs.ts). */
  async exportAdopted(actor: Membership, docName: string, format: ExportFormat): Promise<Uint8Array> {
    const record = await this.adopted(actor, docName)
    return this.history.jobs.run(actor, 'exportAdopted', { key: { workspaceId: actor.workspaceId, docName }, rowId: record.version.rowId, format, record })
  }

  /**
   * The current text exported as a draft (SIGN15): every page marked « Projet — version non adoptée »,
   * no signature page, laid out on a document thread. An adopted text exports as adopted only (409).
   */
  async exportDraft(actor: Membership, docName: string, format: ExportFormat): Promise<Uint8Array> {
    this.checkDoc(docName)
    const key = { workspaceId: actor.workspaceId, docName }
    if ((await this.history.meta(actor, key)).status === 'adopted')
      throw conflict('This text is adopted: export the adopted version.', undefined, 'adopted_not_draft')
    return this.history.jobs.run(actor, 'exportDraft', { key, format, at: this.now() })
  }

  /**
   * A round's text article by article (SIGN14): each clause's word diff against the adopted text the
   * round amends (every clause added for a first adoption), whether the round asks for its approval,
   * and who approved it: in this round for an asked article, kept from the adopted round otherwise.
   */
  async articles(actor: JobMember, docName: string, roundId: string): Promise<SignoffArticles> {
    this.checkDoc(docName)
    const { workspaceId } = actor
    const chain = await this.chain(workspaceId)
    const record = chain.records.get(roundId)
    const recorded = record ? recordedRound(record) : null
    if (!record || !recorded || recorded.docName !== docName) throw notFound('Proposal')
    // The adopted round it amends: the last one adopted, before this proposal, on the hash it records.
    const base =
      recorded.baseHash === null
        ? undefined
        : this.recordedRounds(chain, docName)
            .filter((r) => r.status === 'adopted' && r.contentHash === recorded.baseHash && r.closedAt! <= recorded.proposedAt)
            .sort((a, b) => (a.closedAt! < b.closedAt! ? -1 : a.closedAt! > b.closedAt! ? 1 : 0))
            .at(-1)
    const version = await this.history.version(workspaceId, docName, recorded.versionId)
    const baseRowId = base ? (await this.history.version(workspaceId, docName, base.versionId)).rowId : null
    const diffs = await this.history.jobs.run(actor, 'clauseDiffs', { key: { workspaceId, docName }, rowId: version.rowId, baseRowId })
    const baseRecord = base ? chain.records.get(base.id) : undefined
    // An unchanged article keeps the approvals the adopted round counted.
    const kept = baseRecord ? countedAnswers(baseRecord, base!.clauses).flatMap((a) => (a.vote === 'approve' ? [a.partnerId] : [])) : []
    const asked = new Set(recorded.clauses)
    return {
      roundId,
      baseRoundId: base?.id ?? null,
      articles: diffs.map((d) => {
        const needsApproval = asked.has(d.key)
        return {
          ...d,
          needsApproval,
          approvedBy: needsApproval ? clauseApprovers(record, d.key) : kept,
          keptFromRoundId: needsApproval ? null : (base?.id ?? null),
        }
      }),
    }
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
    const chain = await this.chain(workspaceId)
    if (this.recordedRounds(chain, docName).some((r) => r.status === 'open'))
      throw conflict('A proposal of this document is already open.', undefined, 'proposal_open')
    // Checked again when the status changes; checked here so a refused proposal names no version.
    const meta = await this.history.meta(actor, { workspaceId, docName })
    if (meta.status === 'adopted') throw documentLocked()
    const version = input.versionId
      ? await this.history.version(workspaceId, docName, input.versionId)
      : await this.history.createVersion(actor, docName, { name: input.name! })
    const base = this.lastAdopted(chain, docName)
    // The charter's rule as it stands now: a later change of the charter leaves this round's rule alone.
    const charterMeta = await this.history.meta(actor, { workspaceId, docName: ADOPTION_RULES_DOC })
    const rule = adoptionRuleFor(charterMeta[ADOPTION_RULES_KEY], docName)
    // The clauses to approve (only the changed ones after an adoption) and the diff, worked out on a document thread.
    const baseRowId = base ? (await this.history.version(workspaceId, docName, base.versionId)).rowId : null
    const { clauses, diff } = await this.history.jobs.run(actor, 'proposal', { key: { workspaceId, docName }, rowId: version.rowId, baseRowId })
    if (base && clauses.length === 0) throw conflict('This version does not change the adopted text.', undefined, 'no_change')
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
        detail: { roundId: row.id, kind: row.kind, rule, versionId: version.id, contentHash: row.content_hash, baseHash: base?.contentHash ?? null, clauses },
      })
    })
    await this.requestSignoffs(workspaceId, docName, row.id, actor.userId, row.proposed_at)
    return { round: await this.round(workspaceId, docName, row.id), diff }
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
    await this.comments.inbox.requestSignoffs(workspaceId, docName, roundId, proposerId, userIds, at)
  }

  /** Answered, or the round closed: the sign-off requests of `userIds` (all when omitted) leave the unread count. */
  private async settleRequests(workspaceId: string, roundId: string, at: string, userIds?: string[]): Promise<void> {
    await this.comments.inbox.settleSignoffRequests(workspaceId, roundId, at, userIds)
  }

  /**
   * A representative's answer for their partner (replacing an earlier one). An objection opens a
   * comment thread on the clause. The round is adopted once its rule is met (an abstention may
   * complete a consensus, so every answer is counted).
   */
  async vote(actor: Membership, docName: string, roundId: string, input: VoteInput): Promise<SignoffRoundView> {
    this.checkDoc(docName)
    const { workspaceId } = actor
    const round = await this.openRound(workspaceId, docName, roundId)
    const partner = await this.db
      .selectFrom('partner')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('representative_id', '=', actor.userId)
      .executeTakeFirst()
    if (!partner || !can(actor, 'signoff.vote')) throw forbidden('Only the representative of a partner answers for it.', 'not_representative')
    if (input.clause !== undefined && !round.clauses.includes(input.clause)) throw validationFailed('This clause is not part of the proposal.', 'clause')
    let threadId: string | null = null
    if (input.vote === 'object') {
      const quote = input.clause ?? round.clauses[0] ?? ''
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
        .values({
          round_id: roundId,
          partner_id: partner.id,
          user_id: actor.userId,
          vote: input.vote,
          comment: input.comment ?? null,
          clause: input.clause ?? null,
          thread_id: threadId,
          at,
        })
        .execute()
      await audit({
        workspaceId,
        actorId: actor.userId,
        action,
        docName,
        at,
        detail: { roundId, partnerId: partner.id, contentHash: round.contentHash, clause: input.clause ?? null, comment: input.comment ?? null, threadId },
      })
    })
    // An article approved while others wait for this partner leaves its request unread (SIGN14).
    if (await this.answerCounts(workspaceId, roundId, partner.id)) await this.settleRequests(workspaceId, roundId, at, [actor.userId])
    await this.adoptIfMet(workspaceId, docName, roundId)
    return this.round(workspaceId, docName, roundId)
  }

  /** Withdraws an open proposal: the document is a draft again. */
  async withdraw(actor: Membership, docName: string, roundId: string): Promise<SignoffRoundView> {
    this.checkDoc(docName)
    if (!can(actor, 'signoff.manage')) throw forbidden()
    const { workspaceId } = actor
    await this.openRound(workspaceId, docName, roundId)
    const at = this.now()
    const entry = await this.audited(async (trx, audit) => {
      await trx.updateTable('signoff_round').set({ status: 'withdrawn', closed_at: at }).where('id', '=', roundId).execute()
      return audit({ workspaceId, actorId: actor.userId, action: 'withdrawn', docName, at, detail: { roundId } })
    })
    await this.settleRequests(workspaceId, roundId, at)
    await this.setStatus(
      workspaceId,
      docName,
      () => {},
      (live) => documentMetaOf(live).set('status', 'draft'),
    )
    const round = await this.round(workspaceId, docName, roundId)
    if (this.confirmations) {
      const meta = await this.history.meta(actor, { workspaceId, docName }, (await this.history.version(workspaceId, docName, round.versionId)).rowId)
      this.confirmations.roundClosed({ workspaceId, docName, title: titleOf(meta, docName), round, head: auditHeadOf(entry) })
    }
    return round
  }

  /** Unlocks an adopted document for an amendment; the adopted version and its hash stay on record. */
  async unlock(actor: Membership, docName: string): Promise<void> {
    this.checkDoc(docName)
    if (!can(actor, 'signoff.manage')) throw forbidden()
    const base = this.lastAdopted(await this.chain(actor.workspaceId), docName)
    await this.setStatus(
      actor.workspaceId,
      docName,
      (status) => {
        if (status !== 'adopted') throw conflict('Only an adopted document is unlocked.', undefined, 'not_adopted')
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
        detail: { adoptedRoundId: base?.id ?? null, adoptedHash: base?.contentHash ?? null },
      }),
    )
  }

  // ---- internals ----

  /** The workspace's chain, read and checked with the key (a few hundred entries at most per alliance). */
  private async chain(workspaceId: string): Promise<CheckedChain> {
    const rows = await this.db.selectFrom('signoff_audit').selectAll().where('workspace_id', '=', workspaceId).orderBy('seq', 'asc').execute()
    const check = checkChain(workspaceId, rows, this.auditKey)
    return { check, records: roundRecords(check.sealed) }
  }

  /** Whether a partner's last answer counts for the round's rule: not while it approved only some of the asked articles. */
  private async answerCounts(workspaceId: string, roundId: string, partnerId: string): Promise<boolean> {
    const record = (await this.chain(workspaceId)).records.get(roundId)
    const recorded = record ? recordedRound(record) : null
    return !record || !recorded || countedAnswers(record, recorded.clauses).some((a) => a.partnerId === partnerId)
  }

  /** The document's rounds as their sealed entries record them, in the order they were proposed. */
  private recordedRounds(chain: CheckedChain, docName: string): RecordedRound[] {
    return [...chain.records.values()].flatMap((r) => recordedRound(r) ?? []).filter((r) => r.docName === docName)
  }

  /** The document's last adopted round, as recorded: the base of an amendment, the text exports print. */
  private lastAdopted(chain: CheckedChain, docName: string): RecordedRound | undefined {
    return this.recordedRounds(chain, docName)
      .filter((r) => r.status === 'adopted')
      .sort((a, b) => (a.closedAt! < b.closedAt! ? -1 : a.closedAt! > b.closedAt! ? 1 : 0))
      .at(-1)
  }

  /** A round still open according to its sealed entries (404 unknown, 409 closed or not vouched for). */
  private async openRound(workspaceId: string, docName: string, roundId: string): Promise<RecordedRound> {
    const record = (await this.chain(workspaceId)).records.get(roundId)
    const recorded = record ? recordedRound(record) : null
    if (!recorded || recorded.docName !== docName) {
      const row = await this.roundsOf(this.db, workspaceId, docName).select('id').where('id', '=', roundId).executeTakeFirst()
      if (!row) throw notFound('Proposal')
      throw auditMismatch('This proposal has no sealed audit entry: it was not made through Ensemble.')
    }
    if (recorded.status !== 'open') throw conflict('This proposal is closed.', undefined, 'proposal_closed')
    return recorded
  }

  /**
   * Adopts the round once its rule is met by the answers its sealed entries record (a changed vote
   * row counts for nothing), on the version's text if that text still has the frozen hash.
   */
  private async adoptIfMet(workspaceId: string, docName: string, roundId: string): Promise<void> {
    const record = (await this.chain(workspaceId)).records.get(roundId)
    const recorded = record ? recordedRound(record) : null
    if (!record || !recorded || recorded.status !== 'open') return
    const partners = (await listPartners(this.db, workspaceId)).map((p) => p.id)
    // An approval given article by article counts once it covers the round's clauses (SIGN14).
    const outcome = adoptionOutcome(recorded.rule, countedAnswers(record, recorded.clauses), partners)
    if (!outcome.adopted) return
    const version = await this.history.version(workspaceId, docName, recorded.versionId)
    // Rebuilt on a document thread, with its hash; the server's own job (null): never refused for being busy.
    const { doc: source, contentHash } = await this.history.sourceDoc(null, { workspaceId, docName }, version.rowId)
    try {
      if (contentHash !== recorded.contentHash) {
        throw auditMismatch('The answer is recorded, but the proposed text no longer has the hash partners answered on: the adoption is suspended.')
      }
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
        return audit({
          workspaceId,
          actorId: null,
          action: 'adopted',
          docName,
          at,
          detail: {
            roundId,
            versionId: recorded.versionId,
            contentHash: recorded.contentHash,
            rule: outcome.rule,
            approvals: outcome.approvals,
            abstentions: outcome.abstentions,
            objections: outcome.objections,
            partners: outcome.partners,
          },
        })
      })
      if (!closed) return
      // Under a rule other than unanimity, partners may still be silent: their requests are settled too.
      await this.settleRequests(workspaceId, roundId, at)
      await this.setStatus(
        workspaceId,
        docName,
        () => {},
        (live) => {
          restoreInto(live, source, docName)
          const meta = documentMetaOf(live)
          meta.set('status', 'adopted')
          meta.set('adoptedVersionId', recorded.versionId)
        },
      )
      if (this.confirmations) {
        const round = await this.round(workspaceId, docName, roundId)
        this.confirmations.roundClosed({ workspaceId, docName, title: titleOf(readDocumentMeta(source), docName), round, head: auditHeadOf(closed) })
      }
    } finally {
      source.destroy()
    }
  }

  /** The document's rounds, as a query to refine. */
  private roundsOf(db: Kysely<Database> | Transaction<Database>, workspaceId: string, docName: string) {
    return documentRows(db, 'signoff_round', workspaceId, docName)
  }

  /**
   * A round as the page shows it, built from its sealed entries (proposal, rule, hash, each
   * partner's last answer, how it closed) and compared with its rows (AUDIT5): whatever the rows say
   * that the entries do not is listed in `audit.problems`, never shown as the round's data. A round
   * the entries do not know (a row added outside the server) is shown from its rows, flagged.
   */
  private async view(workspaceId: string, docName: string, roundId: string, chain: CheckedChain, knownPartners?: Partner[]): Promise<SignoffRoundView> {
    const record = chain.records.get(roundId)
    const recorded = record ? recordedRound(record) : null
    const row = await this.roundsOf(this.db, workspaceId, docName).selectAll().where('id', '=', roundId).executeTakeFirst()
    if (!row && recorded?.docName !== docName) throw notFound('Proposal')
    const votes = row ? await this.db.selectFrom('signoff_vote').selectAll().where('round_id', '=', roundId).execute() : []
    const base = row?.base_round_id
      ? await this.db.selectFrom('signoff_round').select('content_hash').where('id', '=', row.base_round_id).executeTakeFirst()
      : undefined
    const partners = knownPartners ?? (await listPartners(this.db, workspaceId))
    const partnerName = new Map(partners.map((p) => [p.id, p.name]))
    const problems: SignoffAuditProblem[] = [
      ...chainProblems(chain.check),
      ...compareRound(
        workspaceId,
        record,
        row ? { row, votes, baseHash: row.base_round_id ? (base?.content_hash ?? '') : null } : undefined,
        (id) => partnerName.get(id) ?? id,
      ).map(({ partnerId, seq, message }) => ({ partnerId, seq, message })),
    ]
    const shown: RecordedRound = recorded ?? {
      id: row!.id,
      seq: 0,
      docName,
      versionId: row!.version_id,
      kind: row!.kind === 'amendment' ? 'amendment' : 'adoption',
      contentHash: row!.content_hash,
      baseHash: base?.content_hash ?? null,
      clauses: parseClauses(row!.clauses),
      rule: adoptionRuleSchema.catch('unanimity').parse(row!.adoption_rule),
      proposedBy: row!.proposed_by,
      proposedAt: row!.proposed_at,
      status: row!.status === 'adopted' ? 'adopted' : row!.status === 'withdrawn' ? 'withdrawn' : 'open',
      closedAt: row!.closed_at,
    }
    const answers = recorded
      ? recordedAnswers(record!)
      : votes.map((v) => ({
          partnerId: v.partner_id,
          userId: v.user_id,
          vote: v.vote as SignoffVote,
          comment: v.comment,
          clause: v.clause,
          threadId: v.thread_id,
          at: v.at,
        }))
    const versionName =
      (await documentRows(this.db, 'document_version', workspaceId, docName).select('name').where('id', '=', shown.versionId).executeTakeFirst())?.name ??
      shown.versionId
    const userIds = [
      ...new Set([...answers.flatMap((a) => (a.userId ? [a.userId] : [])), ...partners.flatMap((p) => (p.representativeId ? [p.representativeId] : []))]),
    ]
    const outcome = adoptionOutcome(
      shown.rule,
      recorded ? countedAnswers(record!, shown.clauses) : answers,
      partners.map((p) => p.id),
    )
    const users = userIds.length ? await this.db.selectFrom('user').select(['id', 'name']).where('id', 'in', userIds).execute() : []
    const nameOf = new Map(users.map((u) => [u.id, u.name]))
    return {
      id: shown.id,
      docName,
      versionId: shown.versionId,
      versionName,
      kind: shown.kind,
      status: shown.status,
      contentHash: shown.contentHash,
      baseRoundId: row?.base_round_id ?? null,
      baseHash: shown.baseHash,
      clauses: shown.clauses,
      rule: outcome.rule,
      outcome,
      proposedBy: shown.proposedBy ?? '',
      proposedAt: shown.proposedAt,
      closedAt: shown.closedAt,
      votes: partners.map((p): SignoffVoteView => {
        const answer = answers.find((a) => a.partnerId === p.id)
        const userId = answer?.userId ?? p.representativeId
        return {
          partnerId: p.id,
          partnerName: p.name,
          userId,
          userName: userId ? (nameOf.get(userId) ?? null) : null,
          vote: answer?.vote ?? null,
          comment: answer?.comment ?? null,
          clause: answer?.clause ?? null,
          threadId: answer?.threadId ?? null,
          at: answer?.at ?? null,
          approvedClauses: record ? shown.clauses.filter((c) => clauseApprovers(record, c).includes(p.id)) : [],
        }
      }),
      audit: { ok: problems.length === 0, problems },
    }
  }
}

/** A round shows the first break of its alliance's chain (the chain as a whole vouches for it), not every entry after it. */
function chainProblems(check: ChainCheck): SignoffAuditProblem[] {
  const [first] = check.problems
  if (!first) return []
  const more = check.problems.length - 1
  return [
    {
      partnerId: null,
      seq: first.seq,
      message: {
        fr: `Journal d’audit de l’alliance, entrée n° ${first.seq} : ${first.message.fr}${more ? ` (et ${more} autre(s) problème(s))` : ''}`,
        en: `Alliance audit chain, entry ${first.seq}: ${first.message.en}${more ? ` (and ${more} more problem(s))` : ''}`,
      },
    },
  ]
}

const parseClauses = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === 'string') : []
  } catch {
    return []
  }
}
