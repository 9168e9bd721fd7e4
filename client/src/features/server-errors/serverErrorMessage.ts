import { ERROR_CODES, type ErrorCode, isErrorReason } from '@ensemble/shared'
import type { TFunction } from 'i18next'
import type { ApiError } from '../../api/ApiError.ts'
import { fr } from './strings.ts'

const isErrorCode = (value: string): value is ErrorCode => (ERROR_CODES as readonly string[]).includes(value)
type FieldName = keyof (typeof fr)['serverErrors']['fields']
const isKnownField = (field: string): field is FieldName => Object.hasOwn(fr.serverErrors.fields, field)

/**
 * A server error in the interface's words (SPEC FR1): its reason when it has one we word, else its
 * code, naming the refused field as the interface calls it. The server's own message (English, with
 * raw field names such as `endsAt`) is never shown: it is for logs and API users.
 */
export function serverErrorMessage(error: ApiError, t: TFunction): string {
  if (isErrorReason(error.reason)) return t(`serverErrors.reasons.${error.reason}`)
  if (error.status === 429) return t('serverErrors.codes.rate_limited')
  if (error.status === 0 || error.status >= 500) return t('serverErrors.codes.internal_error')
  if (error.code === 'validation_failed' && error.field && isKnownField(error.field)) {
    return t('serverErrors.fieldRefused', { field: t(`serverErrors.fields.${error.field}`) })
  }
  if (isErrorCode(error.code)) return t(`serverErrors.codes.${error.code}`)
  return t('serverErrors.codes.internal_error')
}
