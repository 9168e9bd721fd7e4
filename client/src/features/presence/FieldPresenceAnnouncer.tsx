import type { PresenceFocus } from '@ensemble/shared'
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { Awareness } from 'y-protocols/awareness'
import { fieldKey, fieldPresenceStore } from './fieldPresence.ts'

/**
 * Says politely, once per change, who started or stopped editing which field (PLANUI5): the
 * presence state changes on focus and blur only, never per keystroke, so neither does this.
 */
export function FieldPresenceAnnouncer({ awareness, describe }: { awareness: Awareness; describe: (focus: PresenceFocus) => string | null }) {
  const { t } = useTranslation()
  const store = useMemo(() => fieldPresenceStore(awareness), [awareness])
  const editors = useSyncExternalStore(store.subscribe, store.all)
  const before = useRef<Map<string, { name: string; key: string; focus: PresenceFocus }> | null>(null)
  const [message, setMessage] = useState('')
  const describeRef = useRef(describe)
  describeRef.current = describe
  useEffect(() => {
    const now = new Map(editors.map((e) => [e.user.id, { name: e.user.name, key: fieldKey(e.focus.entity, e.focus.field), focus: e.focus }]))
    const previous = before.current
    before.current = now
    // Who was already editing when the page opened is not news.
    if (!previous) return
    const messages: string[] = []
    for (const [id, was] of previous) {
      // Moving to another field is said once, below.
      if (now.has(id)) continue
      const field = describeRef.current(was.focus)
      if (field) messages.push(t('presence.stoppedEditing', { name: was.name, field }))
    }
    for (const [id, is] of now) {
      if (previous.get(id)?.key === is.key) continue
      const field = describeRef.current(is.focus)
      if (field) messages.push(t('presence.editingField', { name: is.name, field }))
    }
    if (messages.length) setMessage(messages.join(' '))
  }, [editors, t])
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="field-presence-announcer">
      {message}
    </p>
  )
}
