import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { resourceUnitSchema } from './resource.ts'

/**
 * The partners' balance (docs/SPEC.md BAL): what each partner committed (the resources it brings
 * to the plan's actions, valued in euros) against what it declares delivered, period by period.
 * The settings say how much a unit is worth and how the plan's period is cut; the actuals are
 * append-only declarations; validations and freezes are append-only stamps of the steering
 * committee. Nothing is ever overwritten or deleted: a wrong entry is amended by a new one.
 */
export const BALANCE_PERIOD_LENGTHS = ['year', 'half_year', 'quarter'] as const
export const balancePeriodLengthSchema = z.enum(BALANCE_PERIOD_LENGTHS)
export type BalancePeriodLength = z.infer<typeof balancePeriodLengthSchema>

/** The units that take a rate (EUR is worth one euro, always). */
export const RATED_UNITS = ['jours_homme', 'heures', 'ETP', 'unites'] as const
export type RatedUnit = (typeof RATED_UNITS)[number]

const rate = z.number().finite().nonnegative().max(LIMITS.maxBalanceRate)

export const balanceRatesSchema = z.object({ jours_homme: rate, heures: rate, ETP: rate, unites: rate }).strict()
export type BalanceRates = z.infer<typeof balanceRatesSchema>

export const balanceSettingsSchema = z.object({
  rates: balanceRatesSchema,
  periodLength: balancePeriodLengthSchema,
  /** A partner is flagged when it delivered less than (100 − threshold) % of its commitment (BAL8). */
  threshold: z.number().int().min(0).max(100),
})
export type BalanceSettings = z.infer<typeof balanceSettingsSchema>

/** The settings until steering sets its own (a day of work at 300 €, as the example). */
export const DEFAULT_BALANCE_SETTINGS: BalanceSettings = Object.freeze({
  rates: Object.freeze({ jours_homme: 300, heures: 40, ETP: 50_000, unites: 0 }),
  periodLength: 'year',
  threshold: 20,
}) as BalanceSettings

/** The fields of the `balance` settings map (plain values; `rates` a plain object). */
export const BALANCE_SETTING_FIELDS = ['rates', 'periodLength', 'threshold'] as const satisfies readonly (keyof BalanceSettings)[]

const ref = z.string().min(1).max(64)

/** A period key: `2026` (year), `2026-H1` (half-year), `2026-Q3` (quarter). */
export const balancePeriodKeySchema = z.string().regex(/^\d{4}(-H[12]|-Q[1-4])?$/)

/** One declaration of what a partner delivered in a period. `by` and `at` are checked by the server. */
export const actualEntrySchema = z.object({
  partnerId: ref,
  period: balancePeriodKeySchema,
  unit: resourceUnitSchema,
  amount: z.number().finite().nonnegative().max(LIMITS.maxActualAmount),
  /** The action of the plan whose resources this delivers (the partner brings some). */
  actionId: ref.optional(),
  comment: z.string().max(LIMITS.valueCommentLength),
  by: ref,
  /** Milliseconds since the epoch. */
  at: z.number().int().nonnegative(),
  /** The entry this one replaces (same partner, same period): its amount stands instead. */
  amends: ref.optional(),
})
export type ActualEntry = z.infer<typeof actualEntrySchema>

/** A stamp of the steering committee: a validation (keyed by entry id) or a freeze (keyed by period). */
export const balanceStampSchema = z.object({ by: ref, at: z.number().int().nonnegative() }).strict()
export type BalanceStamp = z.infer<typeof balanceStampSchema>
