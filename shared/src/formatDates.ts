/**
 * Dates and times as each language writes them (SPEC FR3): 15/12/2028, 14 h 51 in French; 15/12/2028,
 * 14:51 in English; never seconds. Pure (Intl only), for the interface and for the server's messages.
 */
type Lang = 'fr' | 'en'

const tag = (locale: Lang): string => (locale === 'fr' ? 'fr-FR' : 'en-GB')

/** A calendar date (`YYYY-MM-DD`, or the day of an ISO instant as written) without time-zone drift: 15/12/2028. */
export function formatDay(iso: string, locale: Lang): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** The time of an instant, to the minute: « 14 h 51 » in French, « 14:51 » in English. */
export function formatTime(date: Date, locale: Lang, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) }).formatToParts(
    date,
  )
  const hour = parts.find((p) => p.type === 'hour')?.value ?? ''
  const minute = parts.find((p) => p.type === 'minute')?.value ?? ''
  return locale === 'fr' ? `${Number(hour)} h ${minute}` : `${hour}:${minute}`
}

/** An instant (ISO) as date and time in the reader's zone (or `timeZone`): « 15/12/2028 à 14 h 51 », « 15/12/2028, 14:51 ». */
export function formatMoment(iso: string, locale: Lang, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = new Intl.DateTimeFormat(tag(locale), { day: '2-digit', month: '2-digit', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(date)
  return locale === 'fr' ? `${day} à ${formatTime(date, locale, timeZone)}` : `${day}, ${formatTime(date, locale, timeZone)}`
}
