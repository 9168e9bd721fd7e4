/** A number as a member types it: « 12,5 » or « 12.5 », spaces between thousands allowed; null when it is not one. */
export function parseNumber(text: string): number | null {
  const normalised = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalised)) return null
  const value = Number(normalised)
  return Number.isFinite(value) ? value : null
}
