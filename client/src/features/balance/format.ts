import type { Locale } from '@ensemble/shared'

/** Euros and ratios the way the reader's language writes them (« 3 000 € », « 83 % »). */
export const formatEuros = (value: number, locale: Locale): string =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value)

export const formatRatio = (value: number | null, locale: Locale): string =>
  value === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value)

export const formatAmount = (value: number, locale: Locale): string => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)
