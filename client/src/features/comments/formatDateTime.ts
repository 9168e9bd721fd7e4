import { formatInstant } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'

/** A moment (message, inbox item) with date and time, the way the interface language writes it. */
export const formatDateTime = (iso: string): string => formatInstant(iso, currentLocale())
