import type { Locale, Me, SignInInput, SignUpInput } from '@ensemble/shared'
import { get, patch, post } from './http.ts'

/** better-auth endpoints (email + password) and the profile of the signed-in user. */
export const signUp = (input: SignUpInput): Promise<unknown> => post('/api/auth/sign-up/email', input)
export const signIn = (input: SignInInput): Promise<unknown> => post('/api/auth/sign-in/email', input)
export const signOut = (): Promise<unknown> => post('/api/auth/sign-out')
export const fetchMe = (): Promise<Me> => get<Me>('/api/me')
export const updateLocale = (locale: Locale): Promise<unknown> => patch('/api/me', { locale })
/** Changes one's name (ACCT10: bounded like at sign-up). */
export const updateName = (name: string): Promise<unknown> => post('/api/auth/update-user', { name })
/** Changes one's password: the current one is required; every other session ends (ACCT12). */
export const changePassword = (currentPassword: string, newPassword: string): Promise<unknown> => post('/api/auth/change-password', { currentPassword, newPassword })
