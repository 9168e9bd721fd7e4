import { useEffect } from 'react'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'

/** A failed read of a meeting panel is told in a toast, once per failure (the panel keeps what it showed). */
export function useErrorToast(error: unknown): void {
  const handleError = useApiErrorHandler()
  const { notify } = useToasts()
  useEffect(() => {
    if (error) notify(handleError(error), 'error')
  }, [error, handleError, notify])
}
