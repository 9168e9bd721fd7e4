import type * as Y from 'yjs'
import {
  actualEntrySchema,
  balanceSettingsSchema,
  balanceStampSchema,
  DEFAULT_BALANCE_SETTINGS,
  type ActualEntry,
  type BalanceSettings,
  type BalanceStamp,
} from '../entities/balance.ts'
import { ROOT } from './documents.ts'

/**
 * Typed access to the partners' balance in the `plan` document (BAL): `balance` holds the settings
 * as plain values; `actuals`, `actualValidations` (keyed by entry id) and `frozenPeriods` (keyed by
 * period key) hold plain entries to which adding a key is the only change (BAL4), which a Y.Map
 * tells apart from an update or a removal.
 */
export const balanceSettingsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.balance)
export const actualsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.actuals)
export const actualValidationsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.actualValidations)
export const frozenPeriodsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.frozenPeriods)

export const actualEntity = (id: string): string => `actuals/${id}`
export const actualValidationEntity = (id: string): string => `actualValidations/${id}`
export const frozenPeriodEntity = (key: string): string => `frozenPeriods/${key}`

/** The settings, each field falling back to its default when unset or invalid (the server refuses invalid ones). */
export function readBalanceSettings(doc: Y.Doc): BalanceSettings {
  const map = balanceSettingsOf(doc)
  const shape = balanceSettingsSchema.shape
  const field = <K extends keyof BalanceSettings>(key: K): BalanceSettings[K] => {
    const parsed = shape[key].safeParse(map.get(key))
    return (parsed.success ? parsed.data : DEFAULT_BALANCE_SETTINGS[key]) as BalanceSettings[K]
  }
  return { rates: field('rates'), periodLength: field('periodLength'), threshold: field('threshold') }
}

/** Sets settings fields (plain values: the rates object is copied). */
export function writeBalanceSettings(doc: Y.Doc, settings: Partial<BalanceSettings>): void {
  const map = balanceSettingsOf(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(settings)) map.set(key, typeof value === 'object' ? { ...value } : value)
  })
}

function readEntries<T>(map: Y.Map<unknown>, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): Record<string, T> {
  const out: Record<string, T> = {}
  map.forEach((entry, id) => {
    const parsed = schema.safeParse(entry)
    if (parsed.success) out[id] = parsed.data as T
  })
  return out
}

/** The well-formed entries, by id. */
export const readActuals = (doc: Y.Doc): Record<string, ActualEntry> => readEntries(actualsOf(doc), actualEntrySchema)
export const readActualValidations = (doc: Y.Doc): Record<string, BalanceStamp> => readEntries(actualValidationsOf(doc), balanceStampSchema)
export const readFrozenPeriods = (doc: Y.Doc): Record<string, BalanceStamp> => readEntries(frozenPeriodsOf(doc), balanceStampSchema)

/** Appends one declaration (the only write the actuals accept). */
export function appendActual(doc: Y.Doc, id: string, entry: ActualEntry): void {
  actualsOf(doc).set(id, { ...entry })
}

/** Stamps an entry as validated by the steering committee. */
export function validateActualEntry(doc: Y.Doc, id: string, stamp: BalanceStamp): void {
  actualValidationsOf(doc).set(id, { ...stamp })
}

/** Freezes a period: from then on only amendments are declared in it (BAL6). */
export function freezePeriod(doc: Y.Doc, key: string, stamp: BalanceStamp): void {
  frozenPeriodsOf(doc).set(key, { ...stamp })
}
