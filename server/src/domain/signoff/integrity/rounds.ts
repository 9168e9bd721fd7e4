import { adoptionRuleSchema, SIGNOFF_ROUND_KINDS, type AdoptionRule, type SignoffRoundView, type SignoffVote } from '@ensemble/shared'
import type { Selectable } from 'kysely'
import type { SignoffRoundTable, SignoffVoteTable } from '../../../db/schema.ts'
import { canonicalJson } from '../../history/canonical.ts'
import type { AuditEntry } from '../audit.ts'
import { problem, shown, type AuditProblem } from './problem.ts'

export type RoundRow = Selectable<SignoffRoundTable>
export type VoteRow = Selectable<SignoffVoteTable>

/** What the sealed entries say of one round: who proposed what, each partner's last answer, how it closed. */
export interface RoundRecord {
  roundId: string
  proposed: AuditEntry | null
  /** Each partner's latest answer, by partner id. */
  answers: Map<string, AuditEntry>
  /** The articles each partner approved one by one since its last abstention or objection (SIGN14). */
  clauseApprovals: Map<string, Set<string>>
  /** Partners who approved the whole round since their last abstention or objection. */
  wholeApprovals: Set<string>
  /** The `adopted` or `withdrawn` entry. */
  closing: AuditEntry | null
}

/** A round as its `proposed` and closing entries record it: the fields a round row must hold. */
export interface RecordedRound {
  id: string
  /** The `proposed` entry. */
  seq: number
  docName: string
  versionId: string
  kind: SignoffRoundView['kind']
  contentHash: string
  baseHash: string | null
  clauses: string[]
  rule: AdoptionRule
  proposedBy: string | null
  proposedAt: string
  status: SignoffRoundView['status']
  closedAt: string | null
}

/** One partner's answer as its entry records it: the fields a vote row must hold. */
export interface RecordedAnswer {
  partnerId: string
  userId: string | null
  vote: SignoffVote
  comment: string | null
  clause: string | null
  threadId: string | null
  at: string
  seq: number
}

const ANSWERS: Record<string, SignoffVote> = { approved: 'approve', abstained: 'abstain', objected: 'object' }
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** Groups sealed entries by the round they name (entries without a round, e.g. `unlocked`, are left out). */
export function roundRecords(entries: readonly AuditEntry[]): Map<string, RoundRecord> {
  const records = new Map<string, RoundRecord>()
  for (const entry of entries) {
    const roundId = text(entry.detail.roundId)
    if (!roundId) continue
    let record = records.get(roundId)
    if (!record)
      records.set(roundId, (record = { roundId, proposed: null, answers: new Map(), clauseApprovals: new Map(), wholeApprovals: new Set(), closing: null }))
    const partnerId = text(entry.detail.partnerId)
    if (entry.action === 'proposed') record.proposed ??= entry
    else if (entry.action in ANSWERS && partnerId) {
      record.answers.set(partnerId, entry)
      const clause = text(entry.detail.clause)
      // Abstaining or objecting takes back the articles approved before; approving one adds it.
      if (entry.action !== 'approved') {
        record.clauseApprovals.delete(partnerId)
        record.wholeApprovals.delete(partnerId)
      } else if (clause === null) record.wholeApprovals.add(partnerId)
      else record.clauseApprovals.set(partnerId, (record.clauseApprovals.get(partnerId) ?? new Set()).add(clause))
    } else if (entry.action === 'adopted' || entry.action === 'withdrawn') record.closing ??= entry
  }
  return records
}

export function recordedRound(record: RoundRecord): RecordedRound | null {
  const { proposed, closing } = record
  if (!proposed) return null
  const d = proposed.detail
  const kind = SIGNOFF_ROUND_KINDS.find((k) => k === d.kind) ?? 'adoption'
  return {
    id: record.roundId,
    seq: proposed.seq,
    docName: proposed.docName,
    versionId: text(d.versionId) ?? '',
    kind,
    contentHash: text(d.contentHash) ?? '',
    baseHash: text(d.baseHash),
    clauses: Array.isArray(d.clauses) ? d.clauses.filter((c): c is string => typeof c === 'string') : [],
    // Rounds proposed before rules existed were unanimous (their entries name no rule).
    rule: adoptionRuleSchema.catch('unanimity').parse(d.rule ?? 'unanimity'),
    proposedBy: proposed.actorId,
    proposedAt: proposed.at,
    status: closing?.action === 'adopted' ? 'adopted' : closing?.action === 'withdrawn' ? 'withdrawn' : 'open',
    closedAt: closing?.at ?? null,
  }
}

export function recordedAnswers(record: RoundRecord): RecordedAnswer[] {
  return [...record.answers].map(([partnerId, e]) => ({
    partnerId,
    userId: e.actorId,
    vote: ANSWERS[e.action]!,
    comment: text(e.detail.comment),
    clause: text(e.detail.clause),
    threadId: text(e.detail.threadId),
    at: e.at,
    seq: e.seq,
  }))
}

/**
 * The answers a round's rule counts (SIGN14): an approval given article by article counts once the
 * partner has approved every clause the round asks about; until then the partner has not answered.
 */
export function countedAnswers(record: RoundRecord, clauses: readonly string[]): RecordedAnswer[] {
  return recordedAnswers(record).filter((a) => {
    if (a.vote !== 'approve' || a.clause === null || record.wholeApprovals.has(a.partnerId)) return true
    const approved = record.clauseApprovals.get(a.partnerId)
    return clauses.every((c) => approved?.has(c))
  })
}

/** The partners whose approval an article of the round has: the whole round's, or that article's. */
export const clauseApprovers = (record: RoundRecord, clause: string): string[] =>
  [...record.answers.keys()].filter((p) => record.wholeApprovals.has(p) || record.clauseApprovals.get(p)?.has(clause))

/** A round's rows as stored: the round, its answers, and the content hash of the round it amends. */
export interface StoredRound {
  row: RoundRow
  votes: VoteRow[]
  /** `content_hash` of the row `base_round_id` names (null without one, '' when that row is gone). */
  baseHash: string | null
}

const parsedClauses = (json: string): unknown => {
  try {
    return JSON.parse(json)
  } catch {
    return json
  }
}

/**
 * Every difference between a round's rows and its sealed entries (AUDIT2): a round row or an answer
 * row changed, added or deleted outside the server. `partnerLabel` names partners in the messages.
 */
export function compareRound(
  workspaceId: string,
  record: RoundRecord | undefined,
  stored: StoredRound | undefined,
  partnerLabel: (partnerId: string) => string,
): AuditProblem[] {
  const roundId = record?.roundId ?? stored!.row.id
  const recorded = record ? recordedRound(record) : null
  const problems: AuditProblem[] = []
  const roundRow = `signoff_round id=${roundId}`
  if (!recorded) {
    problems.push(
      problem(
        { workspaceId, roundId, row: roundRow },
        'ce tour n’a aucune entrée « proposé » scellée dans le journal d’audit : ligne ajoutée hors du serveur, ou son entrée réécrite',
        'this round has no sealed "proposed" audit entry: row added outside the server, or its entry rewritten',
      ),
    )
  } else if (!stored) {
    problems.push(
      problem(
        { workspaceId, roundId, seq: record!.proposed!.seq, row: roundRow },
        `le tour proposé à l’entrée n° ${record!.proposed!.seq} manque dans la base : ligne supprimée`,
        `the round proposed in entry ${record!.proposed!.seq} is missing from the database: row deleted`,
      ),
    )
  } else {
    const { row } = stored
    const proposedSeq = record!.proposed!.seq
    const closingSeq = record!.closing?.seq ?? proposedSeq
    const fields: [column: string, stored: unknown, recorded: unknown, seq: number][] = [
      ['doc_name', row.doc_name, recorded.docName, proposedSeq],
      ['version_id', row.version_id, recorded.versionId, proposedSeq],
      ['kind', row.kind, recorded.kind, proposedSeq],
      ['content_hash', row.content_hash, recorded.contentHash, proposedSeq],
      ['adoption_rule', row.adoption_rule, recorded.rule, proposedSeq],
      ['clauses', parsedClauses(row.clauses), recorded.clauses, proposedSeq],
      ['proposed_by', row.proposed_by, recorded.proposedBy, proposedSeq],
      ['proposed_at', row.proposed_at, recorded.proposedAt, proposedSeq],
      ['base_round_id (content_hash)', stored.baseHash, recorded.baseHash, proposedSeq],
      ['status', row.status, recorded.status, closingSeq],
      ['closed_at', row.closed_at, recorded.closedAt, closingSeq],
    ]
    for (const [column, value, expected, seq] of fields) {
      if (canonicalJson(value ?? null) === canonicalJson(expected ?? null)) continue
      problems.push(
        problem(
          { workspaceId, roundId, seq, row: roundRow },
          `le tour enregistré a ${column} = « ${shown(value)} », l’entrée n° ${seq} dit « ${shown(expected)} »`,
          `the stored round has ${column} = "${shown(value)}", entry ${seq} says "${shown(expected)}"`,
        ),
      )
    }
  }
  const answers = new Map((record ? recordedAnswers(record) : []).map((a) => [a.partnerId, a]))
  const votes = new Map((stored?.votes ?? []).map((v) => [v.partner_id, v]))
  for (const partnerId of new Set([...answers.keys(), ...votes.keys()])) {
    const answer = answers.get(partnerId)
    const vote = votes.get(partnerId)
    const who = partnerLabel(partnerId)
    const at = { workspaceId, roundId, partnerId, seq: answer?.seq ?? null, row: `signoff_vote round_id=${roundId} partner_id=${partnerId}` }
    if (!vote) {
      problems.push(
        problem(
          at,
          `la réponse de ${who} scellée à l’entrée n° ${answer!.seq} manque dans la base : ligne supprimée`,
          `the answer of ${who} sealed in entry ${answer!.seq} is missing from the database: row deleted`,
        ),
      )
      continue
    }
    if (!answer) {
      problems.push(
        problem(
          at,
          `la réponse enregistrée pour ${who} (« ${shown(vote.vote)} ») n’a aucune entrée scellée dans le journal : ligne ajoutée hors du serveur, ou son entrée réécrite`,
          `the stored answer for ${who} ("${shown(vote.vote)}") has no sealed audit entry: row added outside the server, or its entry rewritten`,
        ),
      )
      continue
    }
    const fields: [column: string, stored: unknown, recorded: unknown][] = [
      ['vote', vote.vote, answer.vote],
      ['user_id', vote.user_id, answer.userId],
      ['comment', vote.comment, answer.comment],
      ['clause', vote.clause, answer.clause],
      ['thread_id', vote.thread_id, answer.threadId],
      ['at', vote.at, answer.at],
    ]
    for (const [column, value, expected] of fields) {
      if ((value ?? null) === (expected ?? null)) continue
      problems.push(
        problem(
          at,
          `la réponse enregistrée pour ${who} a ${column} = « ${shown(value)} », l’entrée n° ${answer.seq} dit « ${shown(expected)} »`,
          `the stored answer for ${who} has ${column} = "${shown(value)}", entry ${answer.seq} says "${shown(expected)}"`,
        ),
      )
    }
  }
  return problems
}
