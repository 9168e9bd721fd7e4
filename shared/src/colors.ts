/** Cursor colours with enough contrast on white for text labels (WCAG AA for large text). */
export const CURSOR_COLORS = ['#1f6feb', '#b62324', '#1a7f37', '#8250df', '#bf5700', '#0a7ea4', '#c2185b', '#5d4037'] as const

/** A stable colour for a member, derived from their id so every replica agrees. */
export function colorForId(id: string): string {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0
  return CURSOR_COLORS[Math.abs(hash) % CURSOR_COLORS.length]!
}
