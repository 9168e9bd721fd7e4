import { useCallback, useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { useSession } from './SessionContext.tsx'

/**
 * Turns a failed REST call into a sentence, and sends the user back to sign-in when the session is
 * gone (401) instead of showing an error they cannot act on. The function is stable across renders
 * (a language switch must not re-run the effects that load data).
 */
export function useApiErrorHandler(): (error: unknown) => string {
  const { t } = useTranslation()
  const { expire } = useSession()
  const latest = useRef({ t, expire })
  latest.current = { t, expire }
  return useCallback((error: unknown) => {
    if (error instanceof ApiError && error.isUnauthenticated) latest.current.expire()
    return apiErrorMessage(error, latest.current.t)
  }, [])
}

/**
 * The sentence for a failed read or write of the cache (a query's or a mutation's `error`), or null;
 * a 401 sends the user back to sign-in, once per error, like `useApiErrorHandler`.
 */
export function useErrorMessage(error: unknown): string | null {
  const { t } = useTranslation()
  const { expire } = useSession()
  useEffect(() => {
    if (error instanceof ApiError && error.isUnauthenticated) expire()
  }, [error, expire])
  return error ? apiErrorMessage(error, t) : null
}
