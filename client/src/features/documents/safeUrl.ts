/** Links may point to the web or to an e-mail address, nothing else (no javascript:, data:, file:…). */
const ALLOWED = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i

export function isSafeUrl(url: string): boolean {
  const trimmed = url.trim()
  if (!ALLOWED.test(trimmed)) return false
  try {
    const parsed = new URL(trimmed)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:'
  } catch {
    return false
  }
}
