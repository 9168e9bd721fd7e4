import { z } from 'zod'
import { LIMITS } from '../limits.ts'
import { PASSWORD_LENGTH, passwordProblem } from '../passwordPolicy.ts'

/** A person's name, wherever it is written (sign-up, update-user): trimmed, non-empty, bounded. */
export const personNameSchema = z.string().trim().min(1).max(LIMITS.personNameLength)
export const emailSchema = z.email().max(254)
/** A new password: its length rules carry the policy's reasons (ACCT13). */
export const newPasswordSchema = z.string().min(PASSWORD_LENGTH.min, 'password_too_short').max(PASSWORD_LENGTH.max, 'password_too_long')

/** A policy rule broken by `password`, as a zod issue on `path` whose message is the rule's reason. */
function checkPolicy(ctx: z.RefinementCtx, path: string, password: string, identity: { email?: string; name?: string }): void {
  const problem = passwordProblem(password, identity)
  if (problem) ctx.addIssue({ code: 'custom', path: [path], message: problem })
}

/** Mirrors what the server accepts on POST /api/auth/sign-up/email, so the form can check early. */
export const signUpSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: newPasswordSchema,
  })
  .superRefine((v, ctx) => checkPolicy(ctx, 'password', v.password, v))
export type SignUpInput = z.infer<typeof signUpSchema>

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_LENGTH.max),
})
export type SignInInput = z.infer<typeof signInSchema>

/** POST /api/auth/change-password: other sessions always end (ACCT12), whatever the client asks. */
export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_LENGTH.max),
  newPassword: newPasswordSchema,
})
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>

/** POST /api/auth/update-user: the name is the only user field a person changes there (ACCT10). */
export const updateUserSchema = z.object({ name: personNameSchema })
export type UpdateUserInput = z.infer<typeof updateUserSchema>

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

/** `PATCH /api/me`: the interface language. */
export const updateMeSchema = z.object({ locale: localeSchema })
