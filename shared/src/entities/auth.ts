import { z } from 'zod'
import { LIMITS } from '../limits.ts'

/** Mirrors what the server accepts on POST /api/auth/sign-up/email, so the form can check early. */
export const signUpSchema = z.object({
  name: z.string().trim().min(1).max(LIMITS.personNameLength),
  email: z.email().max(254),
  password: z.string().min(8).max(128),
})
export type SignUpInput = z.infer<typeof signUpSchema>

export const signInSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(128),
})
export type SignInInput = z.infer<typeof signInSchema>

export const LOCALES = ['fr', 'en'] as const
export const localeSchema = z.enum(LOCALES)
export type Locale = z.infer<typeof localeSchema>

export const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  locale: localeSchema,
})
export type Me = z.infer<typeof meSchema>
