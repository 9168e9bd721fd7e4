import { formatInstant } from '../../i18n/format.ts'

/** A moment of the history (ISO timestamp) in the reader's language, to the minute. */
export const when = (iso: string, locale: string): string => formatInstant(iso, locale === 'en' ? 'en' : 'fr')
