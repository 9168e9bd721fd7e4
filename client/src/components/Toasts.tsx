import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

export type ToastKind = 'info' | 'success' | 'error'
interface Toast {
  id: number
  kind: ToastKind
  message: string
}

interface ToastApi {
  notify(message: string, kind?: ToastKind): void
}

const ToastContext = createContext<ToastApi>({ notify: () => {} })

export const useToasts = (): ToastApi => useContext(ToastContext)

const LIFETIME_MS: Record<ToastKind, number> = { info: 6000, success: 5000, error: 12000 }

/**
 * One polite live region for everything that is not tied to a visible field: saved changes, server
 * refusals of a collaborative edit, connection trouble. It exists from the first render so screen
 * readers register it before messages arrive.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [toasts, setToasts] = useState<Toast[]>([])
  const next = useRef(1)

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), [])
  const notify = useCallback(
    (message: string, kind: ToastKind = 'info') => {
      const id = next.current++
      // The same message twice in a row (e.g. a burst of refused keystrokes) shows once.
      setToasts((all) => (all.some((toast) => toast.message === message) ? all : [...all.slice(-3), { id, kind, message }]))
      window.setTimeout(() => dismiss(id), LIFETIME_MS[kind])
    },
    [dismiss],
  )
  const api = useMemo(() => ({ notify }), [notify])

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite" aria-label={t('toasts.region')} data-testid="toasts">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.kind}`}>
            <span>{toast.message}</span>
            <button type="button" className="toast__close" aria-label={t('toasts.dismiss')} onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}
