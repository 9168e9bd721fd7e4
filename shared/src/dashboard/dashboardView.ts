import { z } from 'zod'
import { actionStatusSchema, ACTION_STATUSES } from '../entities/action.ts'
import { inboxKindSchema } from '../entities/comment.ts'

/**
 * `GET /api/workspaces/:id/dashboard` (docs/SPEC.md DASH): first what needs the reader's attention,
 * as a list of sections of one kind each, then the alliance view. Every list is bounded: its first
 * `DASHBOARD_LIMITS.items` entries and its `total`. A new kind of attention item (the partners'
 * balance alerts) is one more member of `attentionSectionSchema` and one more producer on the server.
 */
export const DASHBOARD_LIMITS = {
  /** Entries shown per attention list (the total is given beside). */
  items: 10,
  /** Objectives listed in the roll-up. */
  objectives: 50,
  /** Indicators drawn over time (each with at most `points` values). */
  charts: 12,
  points: 60,
} as const

const TRACK_STATUSES = ['no_target', 'no_data', 'achieved', 'on_track', 'off_track'] as const
export const trackStatusSchema = z.enum(TRACK_STATUSES)

export const attentionActionSchema = z.object({ id: z.string(), title: z.string(), deadline: z.string(), status: actionStatusSchema })
export const attentionObjectiveSchema = z.object({ id: z.string(), title: z.string() })
export const attentionValueSchema = z.object({
  indicatorId: z.string(),
  name: z.string(),
  status: z.enum(['late', 'due_soon']),
  date: z.string(),
  /** The reader's partner answers for this indicator. */
  mine: z.boolean(),
})
export const attentionInboxSchema = z.object({
  id: z.string(),
  kind: inboxKindSchema,
  docName: z.string(),
  targetId: z.string().nullable(),
  excerpt: z.string().nullable(),
  createdAt: z.string(),
})
export const attentionSignoffSchema = z.object({ roundId: z.string(), docName: z.string(), proposedAt: z.string() })
export const attentionMeetingSchema = z.object({ id: z.string(), title: z.string(), startsAt: z.string(), place: z.string().nullable() })
/** DASH11: a partner flagged by the balance (BAL12) in the current or last ended period. */
export const attentionBalanceSchema = z.object({
  partnerId: z.string(),
  name: z.string(),
  period: z.string(),
  /** declared / due, e.g. 0.42. */
  ratio: z.number(),
  /** The reader is a member of this partner (« mon partenaire »): listed first. */
  mine: z.boolean(),
})

const section = <K extends string, T extends z.ZodTypeAny>(kind: K, item: T) =>
  z.object({ kind: z.literal(kind), total: z.number().int().nonnegative(), items: z.array(item) })

export const attentionSectionSchema = z.discriminatedUnion('kind', [
  section('actions_overdue', attentionActionSchema),
  section('actions_due_soon', attentionActionSchema),
  section('objectives_off_track', attentionObjectiveSchema),
  section('values_due', attentionValueSchema),
  section('inbox', attentionInboxSchema),
  section('signoff', attentionSignoffSchema),
  section('meeting', attentionMeetingSchema),
  section('balance_alerts', attentionBalanceSchema),
])
export type AttentionSection = z.infer<typeof attentionSectionSchema>
export type AttentionKind = AttentionSection['kind']
/** The order the page shows them in. */
export const ATTENTION_KINDS = [
  'actions_overdue',
  'actions_due_soon',
  'objectives_off_track',
  'values_due',
  'balance_alerts',
  'inbox',
  'signoff',
  'meeting',
] as const satisfies readonly AttentionKind[]

export const objectiveProgressSchema = z.object({
  id: z.string(),
  title: z.string(),
  actions: z.number().int(),
  done: z.number().int(),
  blocked: z.number().int(),
  progress: z.number().nullable(),
  track: trackStatusSchema,
})
export type ObjectiveProgress = z.infer<typeof objectiveProgressSchema>

const point = z.object({ date: z.string(), value: z.number() })
export const indicatorSeriesSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  track: trackStatusSchema,
  /** The standing values, oldest first (the latest `DASHBOARD_LIMITS.points`), each with its entry's id. */
  values: z.array(point.extend({ id: z.string() })),
  /** The straight path from the baseline at the plan's start to the target at its date (empty without one). */
  path: z.array(point),
})
export type IndicatorSeries = z.infer<typeof indicatorSeriesSchema>

/** DASH12: committed (due so far), declared and validated € per partner for the current balance period (BAL12). */
export const allianceBalanceSchema = z.object({
  period: z.string().nullable(),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      committed: z.number(),
      committedToDate: z.number(),
      declared: z.number(),
      validated: z.number(),
      flagged: z.boolean(),
    }),
  ),
})
export type AllianceBalance = z.infer<typeof allianceBalanceSchema>

export const allianceViewSchema = z.object({
  objectives: z.object({ total: z.number().int(), items: z.array(objectiveProgressSchema) }),
  /** Actions that name no objective (« objectif à rattacher ») or none at all. */
  actionsWithoutObjective: z.number().int(),
  actionsByStatus: z.record(actionStatusSchema, z.number().int()),
  indicators: z.object({ total: z.number().int(), items: z.array(indicatorSeriesSchema) }),
  balance: allianceBalanceSchema,
})
export type AllianceView = z.infer<typeof allianceViewSchema>

export const dashboardSchema = z.object({
  today: z.string(),
  attention: z.array(attentionSectionSchema),
  alliance: allianceViewSchema,
})
export type Dashboard = z.infer<typeof dashboardSchema>

export const emptyStatusCounts = (): Record<(typeof ACTION_STATUSES)[number], number> =>
  Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<(typeof ACTION_STATUSES)[number], number>
