import type { Role } from './roles.ts'

/**
 * The permission matrix, kept as data: verb → roles allowed. `can()` is the one question both the
 * client (to show or hide controls) and the server (to decide) ask. Field-level verbs on documents
 * extend this table; an entry missing here is denied.
 */
export const PERMISSIONS = {
  'workspace.read': ['admin', 'steering', 'editor', 'commenter', 'observer'],
  'workspace.rename': ['admin'],
  'partners.manage': ['admin'],
  'members.manage': ['admin'],
  'documents.write': ['admin', 'steering', 'editor'],
} as const satisfies Record<string, readonly Role[]>

export type Verb = keyof typeof PERMISSIONS

export interface Actor {
  role: Role
}

export function can(actor: Actor | null | undefined, verb: Verb): boolean {
  if (!actor) return false
  return (PERMISSIONS[verb] as readonly Role[]).includes(actor.role)
}
