import { z } from 'zod'
import { emailSchema, newPasswordSchema } from './auth.ts'

/**
 * Password reset by a mailed link (ACCT16–ACCT20). Asking for a link answers the same whatever the
 * address; the link holds a random token the server keeps only as a keyed hash; setting a new
 * password through it proves the address, ends every session of the account and spends the link.
 */

/** `POST /api/password-reset`: the address to mail a link to. */
export const passwordResetRequestSchema = z.object({ email: emailSchema })
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>

/** The one answer to a request, whether the address has an account or not (ACCT16). */
export const passwordResetRequestedSchema = z.object({ sent: z.literal(true) })

/** The token of a reset link: 32 random bytes, base64url. Anything else is refused unread. */
export const passwordResetTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/)

/** What the holder of a working link sees before choosing a password (`GET /api/password-reset/:token`). */
export const passwordResetPreviewSchema = z.object({ email: z.string(), expiresAt: z.string() })
export type PasswordResetPreview = z.infer<typeof passwordResetPreviewSchema>

/** `POST /api/password-reset/:token`: the new password, under the whole policy (ACCT13). */
export const passwordResetSchema = z.object({ newPassword: newPasswordSchema })
export type PasswordResetInput = z.infer<typeof passwordResetSchema>

/** The account whose password was set: the page signs in with it. */
export const passwordResetDoneSchema = z.object({ email: z.string() })

/**
 * Why a reset link cannot be used, told the same way whatever the reason (expired, used, superseded
 * by a reset, forged): the answer must not tell which tokens once existed.
 */
export const PASSWORD_RESET_INVALID = 'password_reset_invalid'
