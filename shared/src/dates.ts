import { z } from 'zod'

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'date does not exist')
export type IsoDate = z.infer<typeof isoDateSchema>

/** Today in UTC as YYYY-MM-DD; `now` is injectable for tests. */
export const todayIso = (now: Date = new Date()): IsoDate => now.toISOString().slice(0, 10)

export const addDays = (date: IsoDate, days: number): IsoDate => {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
