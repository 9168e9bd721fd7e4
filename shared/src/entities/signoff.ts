import { z } from 'zod'
import { idSchema } from '../ids.ts'
import { adoptionOutcomeSchema, adoptionRuleSchema, localizedTextSchema } from './adoptionRule.ts'
import { commentBodySchema } from './comment.ts'
import { documentDiffSchema } from './history.ts'

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

export const signoffVoteViewSchema = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  vote: z.enum(SIGNOFF_VOTES).nullable(),
  comment: z.string().nullable(),
  clause: z.string().nullable(),
  threadId: z.string().nullable(),
  at: z.string().nullable(),
  /** The articles this partner approved one by one in this round (SIGN14); its approval counts once they cover the round's clauses. */
  approvedClauses: z.array(z.string()),
})
export type SignoffVoteView = z.infer<typeof signoffVoteViewSchema>

/**
 * Something stored about a round that its sealed audit entries do not vouch for (AUDIT5): a row
 * changed, added or deleted outside the server, or an entry that does not hold.
 */
export const signoffAuditProblemSchema = z.object({
  /** The partner whose answer it concerns, if any. */
  partnerId: z.string().nullable(),
  /** The audit entry it concerns, if any. */
  seq: z.number().int().nullable(),
  message: localizedTextSchema,
})
export type SignoffAuditProblem = z.infer<typeof signoffAuditProblemSchema>

/** Whether a round's rows match the sealed audit chain; what the round shows comes from the chain. */
export const signoffRoundAuditSchema = z.object({ ok: z.boolean(), problems: z.array(signoffAuditProblemSchema) })
export type SignoffRoundAudit = z.infer<typeof signoffRoundAuditSchema>

export const signoffRoundViewSchema = z.object({
  id: z.string(),
  docName: z.string(),
  versionId: z.string(),
  versionName: z.string(),
  kind: z.enum(SIGNOFF_ROUND_KINDS),
  status: z.enum(SIGNOFF_ROUND_STATUSES),
  contentHash: z.string(),
  /** The adopted round an amendment changes; its hash stays on record. */
  baseRoundId: z.string().nullable(),
  baseHash: z.string().nullable(),
  /** The clauses partners approve: every clause for an adoption, only the changed ones for an amendment. */
  clauses: z.array(z.string()),
  /** The charter's adoption rule for this document when the round was proposed (SIGN9). */
  rule: adoptionRuleSchema,
  /** Whether the answers meet the rule, and why (not yet). */
  outcome: adoptionOutcomeSchema,
  proposedBy: z.string(),
  proposedAt: z.string(),
  closedAt: z.string().nullable(),
  /** One line per partner of the workspace, voted or not. */
  votes: z.array(signoffVoteViewSchema),
  /** The round checked against its sealed audit entries when this view was built (AUDIT5). */
  audit: signoffRoundAuditSchema,
})
export type SignoffRoundView = z.infer<typeof signoffRoundViewSchema>

/** `POST …/signoff/proposals`: the round opened, and the diff from the adopted text it amends (null for an adoption). */
export const proposedRoundSchema = z.object({ round: signoffRoundViewSchema, diff: documentDiffSchema.nullable() })

/** One entry of a document's hash-chained sign-off audit trail (AUDIT1–AUDIT5). */
export const signoffAuditEntrySchema = z.object({
  workspaceId: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  docName: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
  seq: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
})

export const SIGNOFF_ARTICLE_STATUSES = ['unchanged', 'changed', 'added', 'removed'] as const

/**
 * One article of a proposed version against the last adopted text (SIGN14): its word diff, whether
 * this round asks for its approval, and the partners whose approval it has (kept from the adopted
 * round for an unchanged article, given in this round otherwise).
 */
export const signoffArticleSchema = z.object({
  key: z.string(),
  status: z.enum(SIGNOFF_ARTICLE_STATUSES),
  needsApproval: z.boolean(),
  blocks: documentDiffSchema.shape.blocks,
  omitted: z.number().int(),
  approvedBy: z.array(z.string()),
  /** Whether `approvedBy` was kept from the adopted round (an unchanged article). */
  keptFromRoundId: z.string().nullable(),
})
export type SignoffArticle = z.infer<typeof signoffArticleSchema>

/** `GET …/signoff/rounds/:roundId/articles`: the proposed text article by article. */
export const signoffArticlesSchema = z.object({
  roundId: z.string(),
  baseRoundId: z.string().nullable(),
  articles: z.array(signoffArticleSchema),
})
export type SignoffArticles = z.infer<typeof signoffArticlesSchema>
