import type { Locale } from '@ensemble/shared'

/** Calendar dates (`YYYY-MM-DD`) shown the way each language writes them, without time-zone drift. */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}

/** An instant (ISO) as a date and time in the reader's zone, the way each language writes them. */
export function formatInstant(iso: string, locale: Locale, dateStyle: 'medium' | 'long' = 'medium'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle, timeStyle: 'short' }).format(new Date(iso))
}
