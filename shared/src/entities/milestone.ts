import { z } from 'zod'
import { orderKeySchema } from '../layouts/order.ts'
import { isoDateSchema } from '../dates.ts'
import { LIMITS } from '../limits.ts'

/** A step (étape / jalon) of an action. Stored as a Y.Map inside the action's `milestones` map. */
export const milestoneSchema = z.object({
  title: z.string().trim().min(1).max(LIMITS.actionTitleLength),
  date: isoDateSchema,
  done: z.boolean(),
  order: orderKeySchema,
})
export type Milestone = z.infer<typeof milestoneSchema>
