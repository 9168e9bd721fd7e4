import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { useSession } from './SessionContext.tsx'

/**
 * Turns a failed REST call into a sentence, and sends the user back to sign-in when the session is
 * gone (401) instead of showing an error they cannot act on.
 */
export function useApiErrorHandler(): (error: unknown) => string {
  const { t } = useTranslation()
  const { expire } = useSession()
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.isUnauthenticated) expire()
      return apiErrorMessage(error, t)
    },
    [expire, t],
  )
}
