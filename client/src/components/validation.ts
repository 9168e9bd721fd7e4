import { isErrorReason, isPasswordProblem } from '@ensemble/shared'
import type { TFunction } from 'i18next'
import { ApiError } from '../api/ApiError.ts'
import { serverErrorMessage } from '../features/server-errors/serverErrorMessage.ts'

/** The part of a zod issue we read; typed structurally so the client needs no zod import of its own. */
export interface IssueLike {
  code: string
  path: PropertyKey[]
  minimum?: unknown
  maximum?: unknown
  origin?: unknown
  format?: unknown
  /** A shared schema's own reason (e.g. `password_common`), when it gives one. */
  message?: string
}

export type FieldErrors = Record<string, string>

/** One issue as a sentence in the interface language (zod's own messages are English only). */
export function issueMessage(issue: IssueLike, t: TFunction): string {
  // The password policy names its rule (ACCT13).
  if (isPasswordProblem(issue.message)) return t(`serverErrors.reasons.${issue.message}`)
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('errors.required') : t('errors.tooShort', { min: Number(issue.minimum) })
      return t('errors.invalid')
    case 'too_big':
      return issue.origin === 'string' ? t('errors.tooLong', { max: Number(issue.maximum) }) : t('errors.invalid')
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.invalidEmail') : issue.format === 'regex' ? t('errors.invalidDate') : t('errors.invalid')
    case 'invalid_value':
      return t('errors.invalidChoice')
    case 'invalid_type':
      return t('errors.required')
    default:
      return t('errors.invalid')
  }
}

/** Field → first message, from a failed `safeParse`. */
export function fieldErrorsOf(error: { issues: readonly IssueLike[] }, t: TFunction): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form')
    out[key] ??= issueMessage(issue, t)
  }
  return out
}

const BETTER_AUTH_CODES = new Set([
  'INVALID_EMAIL_OR_PASSWORD',
  'INVALID_EMAIL',
  'INVALID_PASSWORD',
  'USER_ALREADY_EXISTS',
  'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL',
  'PASSWORD_TOO_SHORT',
])

/** A REST error as a sentence in the interface language, from its reason or code (never the server’s English message, SPEC FR1). */
export function apiErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unknown')
  // Reasons the interface words itself: the password policy, links, members, meetings, sign-off…
  if (isErrorReason(error.reason)) return serverErrorMessage(error, t)
  // better-auth's own codes arrive as the reason of a generic one.
  const authReason = error.reason && BETTER_AUTH_CODES.has(error.reason) ? error.reason : null
  switch (authReason ?? error.code) {
    case 'network_error':
      return t('errors.network')
    case 'forbidden':
      return t('errors.forbidden')
    case 'not_found':
      return t('errors.notFound')
    case 'rate_limited':
      return error.reason?.startsWith('history_') ? t('errors.historyBusy') : t('errors.rateLimited')
    case 'document_too_large':
      return t('errors.documentTooLarge')
    case 'INVALID_EMAIL_OR_PASSWORD':
    case 'INVALID_EMAIL':
    case 'INVALID_PASSWORD':
      return t('errors.invalidCredentials')
    case 'USER_ALREADY_EXISTS':
    case 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL':
      return t('errors.userExists')
    case 'PASSWORD_TOO_SHORT':
      return t('errors.tooShort', { min: 8 })
  }
  // Never the server's own (English) message: every code and reason has its sentence (SPEC FR1).
  return serverErrorMessage(error, t)
}
