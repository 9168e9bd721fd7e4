/**
 * The `user` field of an awareness state. The server overwrites it with the authenticated member's
 * identity on every awareness update, so nobody can appear as someone else. TipTap's collaboration
 * caret reads `name` and `color` from this same field.
 */
export interface AwarenessUser {
  id: string
  name: string
  color: string
  partner: string | null
}
export const AWARENESS_USER_FIELD = 'user'
