import type { PasswordResetPreview } from '@ensemble/shared'
import { get, post } from './http.ts'

const path = (token: string): string => `/api/password-reset/${encodeURIComponent(token)}`

/** Mails a reset link to `email` (ACCT16): the same answer whether an account uses it or not. */
export const requestPasswordReset = (email: string): Promise<{ sent: true }> => post('/api/password-reset', { email })
/** The address a reset link is for, and until when it works. */
export const previewPasswordReset = (token: string): Promise<PasswordResetPreview> => get<PasswordResetPreview>(path(token))
/** Sets a new password through the link; every session of the account ends. */
export const resetPassword = (token: string, newPassword: string): Promise<{ email: string }> => post(path(token), { newPassword })
