import { useTranslation } from 'react-i18next'

/** A calendar day (YYYY-MM-DD) or a moment, in the interface's language. */
export function useDates() {
  const { i18n } = useTranslation()
  const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' })
  const moment = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' })
  return {
    day: (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? day.format(new Date(`${iso}T00:00:00Z`)) : iso),
    moment: (iso: string) => moment.format(new Date(iso)),
  }
}
