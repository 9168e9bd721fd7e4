import { z } from 'zod'
import { idSchema } from '../ids.ts'
import type { LocalizedText } from '../rules/types.ts'
import type { AdoptionOutcome, AdoptionRule } from './adoptionRule.ts'
import { commentBodySchema } from './comment.ts'

/** History, named versions and sign-off (docs/SPEC.md §HIST, SIGN): request bodies and answers. */
export const VERSION_NAME_LENGTH = 200

/** `POST …/documents/:docName/versions`: a name, and the log row to name (the current state when omitted). */
export const createVersionSchema = z.object({
  name: z.string().trim().min(1).max(VERSION_NAME_LENGTH),
  rowId: z.number().int().positive().optional(),
})
export type CreateVersionInput = z.infer<typeof createVersionSchema>

/** `POST …/signoff/proposals`: a named version to propose, or a name for the current state. */
export const proposeSchema = z
  .object({
    versionId: idSchema.optional(),
    name: z.string().trim().min(1).max(VERSION_NAME_LENGTH).optional(),
  })
  .refine((v) => v.versionId !== undefined || v.name !== undefined, 'a version id or a name for the current state')
export type ProposeInput = z.infer<typeof proposeSchema>

export const SIGNOFF_VOTES = ['approve', 'abstain', 'object'] as const
export type SignoffVote = (typeof SIGNOFF_VOTES)[number]

/** A representative's answer; an objection says why and may name the clause it is about. */
export const voteSchema = z
  .object({
    vote: z.enum(SIGNOFF_VOTES),
    comment: commentBodySchema.optional(),
    clause: z.string().max(500).optional(),
  })
  .refine((v) => v.vote !== 'object' || v.comment !== undefined, { message: 'an objection needs a comment', path: ['comment'] })
export type VoteInput = z.infer<typeof voteSchema>

/** `POST …/signoff/unlock`: the adopted text is a draft again, open to an amendment. */
export const unlockedSchema = z.object({ status: z.literal('draft') })

export const SIGNOFF_ROUND_KINDS = ['adoption', 'amendment'] as const
export const SIGNOFF_ROUND_STATUSES = ['open', 'adopted', 'withdrawn'] as const

export interface SignoffVoteView {
  partnerId: string
  partnerName: string
  userId: string | null
  userName: string | null
  vote: SignoffVote | null
  comment: string | null
  clause: string | null
  threadId: string | null
  at: string | null
}

/**
 * Something stored about a round that its sealed audit entries do not vouch for (AUDIT5): a row
 * changed, added or deleted outside the server, or an entry that does not hold.
 */
export interface SignoffAuditProblem {
  /** The partner whose answer it concerns, if any. */
  partnerId: string | null
  /** The audit entry it concerns, if any. */
  seq: number | null
  message: LocalizedText
}

/** Whether a round's rows match the sealed audit chain; what the round shows comes from the chain. */
export interface SignoffRoundAudit {
  ok: boolean
  problems: SignoffAuditProblem[]
}

export interface SignoffRoundView {
  id: string
  docName: string
  versionId: string
  versionName: string
  kind: (typeof SIGNOFF_ROUND_KINDS)[number]
  status: (typeof SIGNOFF_ROUND_STATUSES)[number]
  contentHash: string
  /** The adopted round an amendment changes; its hash stays on record. */
  baseRoundId: string | null
  baseHash: string | null
  /** The clauses partners approve: every clause for an adoption, only the changed ones for an amendment. */
  clauses: string[]
  /** The charter's adoption rule for this document when the round was proposed (SIGN9). */
  rule: AdoptionRule
  /** Whether the answers meet the rule, and why (not yet). */
  outcome: AdoptionOutcome
  proposedBy: string
  proposedAt: string
  closedAt: string | null
  /** One line per partner of the workspace, voted or not. */
  votes: SignoffVoteView[]
  /** The round checked against its sealed audit entries when this view was built (AUDIT5). */
  audit: SignoffRoundAudit
}
