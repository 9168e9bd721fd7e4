import { formatDay, formatMoment, type Locale } from '@ensemble/shared'

/** Calendar dates (`YYYY-MM-DD`) shown the way each language writes them (15/12/2028), without time-zone drift. */
export function formatDate(iso: string, locale: Locale): string {
  return formatDay(iso, locale)
}

/** An instant (ISO) as a date and time in the reader's zone, to the minute (« 15/12/2028 à 14 h 51 »). */
export function formatInstant(iso: string, locale: Locale): string {
  return formatMoment(iso, locale)
}
