import { z } from 'zod'

/** Workspace roles, from most to least powerful. Security data: lives in SQL, changed only via REST. */
export const ROLES = ['admin', 'steering', 'editor', 'commenter', 'observer'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

/** Roles allowed to write into a document at all (field-level rules refine this). */
export const WRITING_ROLES: readonly Role[] = ['admin', 'steering', 'editor']

export const canWriteDocuments = (role: Role): boolean => WRITING_ROLES.includes(role)
