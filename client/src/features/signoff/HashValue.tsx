import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A content hash: 64 digits that wrap inside the panel instead of widening the page (a phone's 390 px
 * included), the whole value selectable, and a button that copies it.
 */
export function HashValue({ value }: { value: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
    } catch {
      // A browser without clipboard access: the value stays selectable by hand.
      setCopied(false)
    }
  }
  return (
    <span className="signoff-hash">
      <code className="signoff-hash__value">{value}</code>{' '}
      <button type="button" className="signoff-hash__copy" onClick={() => void copy()}>
        {t('signoffArticles.copyHash')}
      </button>
      {/* A live region without the status role: the panel keeps one status, its own notices. */}
      <span aria-live="polite" className="visually-hidden">
        {copied ? t('signoffArticles.hashCopied') : ''}
      </span>
    </span>
  )
}
