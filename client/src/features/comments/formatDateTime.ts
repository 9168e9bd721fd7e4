import { currentLocale } from '../../i18n/index.ts'

/** A moment (message, inbox item) with date and time, the way the interface language writes it. */
export const formatDateTime = (iso: string): string =>
  new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
