import { useEffect, useRef, type ReactNode } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'

/**
 * A modal dialog (native `<dialog>` opened with showModal, so the page behind is inert): Tab and
 * Shift+Tab stay inside, Escape closes, and focus goes back where it was when it closes.
 */
export function Dialog({ labelledBy, onClose, className, children }: { labelledBy: string; onClose: () => void; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null)
  const close = useRef<(() => void) | null>(onClose)
  close.current = onClose
  useEffect(() => {
    const dialog = ref.current!
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialog.showModal()
    // The heading names the dialog; start there so a screen reader reads it first.
    dialog.querySelector<HTMLElement>(`#${CSS.escape(labelledBy)}`)?.focus()
    return () => {
      close.current = null
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [labelledBy])
  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null)
    if (!items.length) return
    const first = items[0]!
    const last = items.at(-1)!
    const active = document.activeElement
    if (e.shiftKey && (active === first || !e.currentTarget.contains(active) || active === e.currentTarget.querySelector(`#${CSS.escape(labelledBy)}`))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && active === last) {
      e.preventDefault()
      first.focus()
    }
  }
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-modal="true"
      onKeyDown={onKeyDown}
      // Escape closes the native dialog; tell the owner so it unmounts it (not after our own close).
      onClose={() => close.current?.()}
    >
      {children}
    </dialog>
  )
}
