import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { isoDateSchema } from '../dates.ts'
import { LIMITS } from '../limits.ts'
import { milestoneSchema } from './milestone.ts'
import { resourceSchema } from './resource.ts'

export const ACTION_STATUSES = ['proposed', 'planned', 'in_progress', 'blocked', 'done', 'cancelled'] as const
export const actionStatusSchema = z.enum(ACTION_STATUSES)
export type ActionStatus = z.infer<typeof actionStatusSchema>

const memberRef = z.string().min(1).max(64)

/**
 * One row of the action plan, as read from its Y.Map (see layouts/planLayout.ts). This is the shape
 * check; cross-field and cross-entity rules (RACI, dates within the plan period…) build on it.
 */
export const actionSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  /**
   * Free text an action named its objective with before it could point to one (issue 18, item 2):
   * kept, shown as « objectif à rattacher », until an objective is picked.
   */
  objective: z.string().max(LIMITS.textFieldLength),
  /** The operational objective of the plan this action serves (OBJ8); absent (null) in older actions. */
  objectiveId: memberRef.nullable().default(null),
  description: z.string().max(LIMITS.textFieldLength),
  start: isoDateSchema.nullable(),
  deadline: isoDateSchema.nullable(),
  status: actionStatusSchema,
  progress: z.number().int().min(0).max(100),
  blockedReason: z.string().max(LIMITS.textFieldLength),
  accountable: memberRef.nullable(),
  responsible: z.array(memberRef).max(50),
  consulted: z.array(memberRef).max(100),
  informed: z.array(memberRef).max(100),
  milestones: z.record(z.string(), milestoneSchema),
  resources: z.record(z.string(), resourceSchema),
  order: orderKeySchema,
  /**
   * The governance decisions this action comes from or was updated by (GOV19), written by the
   * server; a plain JSON array, absent (empty) in actions created before it.
   */
  decisionIds: z.array(memberRef).max(LIMITS.decisionLinks).default([]),
})
export type Action = z.infer<typeof actionSchema>
export type ActionScalarField = 'title' | 'objective' | 'objectiveId' | 'start' | 'deadline' | 'status' | 'progress' | 'blockedReason' | 'accountable' | 'order'
export type ActionListField = 'responsible' | 'consulted' | 'informed'

export const planMetaSchema = z.object({
  title: z.string().max(LIMITS.actionTitleLength),
  start: isoDateSchema,
  end: isoDateSchema,
})
export type PlanMeta = z.infer<typeof planMetaSchema>
