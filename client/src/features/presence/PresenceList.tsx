import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { usePresence } from './usePresence.ts'

// Who is already there when we connect is not news: arrivals are announced once the first wave settled.
const SETTLE_MS = 1500

/** Who is on this document (name, colour, partner), with arrivals and departures announced. */
export function PresenceList({ collab }: { collab: CollabDoc }) {
  const { t } = useTranslation()
  const users = usePresence(collab.awareness)
  const { workspace } = useWorkspace()
  // The server stamps either the partner's id or its name; show the name either way.
  const partnerLabel = (partner: string) => workspace.partners.find((p) => p.id === partner)?.name ?? partner
  const [announcement, setAnnouncement] = useState('')
  const known = useRef<Map<string, string> | null>(null)
  const [settled, setSettled] = useState(false)
  const live = collab.status === 'connected' && collab.synced

  useEffect(() => {
    if (!live) {
      setSettled(false)
      return
    }
    const timer = window.setTimeout(() => setSettled(true), SETTLE_MS)
    return () => window.clearTimeout(timer)
  }, [live])

  useEffect(() => {
    const current = new Map(users.filter((u) => !u.isLocal).map((u) => [u.id, u.name]))
    const before = known.current
    known.current = current
    if (!before || !settled) return
    const messages: string[] = []
    for (const [id, name] of current) if (!before.has(id)) messages.push(t('presence.joined', { name }))
    for (const [id, name] of before) if (!current.has(id)) messages.push(t('presence.left', { name }))
    if (messages.length) setAnnouncement(messages.join(' '))
  }, [users, settled, t])

  const others = users.filter((u) => !u.isLocal)
  return (
    <section className="presence" aria-labelledby="presence-title" data-testid="presence">
      <h2 id="presence-title" className="presence__title">
        {t('presence.title')} <span className="presence__count">({t('presence.count', { count: users.length })})</span>
      </h2>
      <ul className="presence__list">
        {users.map((user) => (
          <li key={user.id} className="presence__user" data-user-id={user.id}>
            <span className="presence__avatar" style={{ backgroundColor: user.color }} aria-hidden="true">
              {user.name.trim().charAt(0).toUpperCase()}
            </span>
            <span className="presence__name">
              {user.name}
              {user.isLocal && <span className="muted"> ({t('presence.you')})</span>}
            </span>
            {user.partner && <span className="presence__partner">{partnerLabel(user.partner)}</span>}
          </li>
        ))}
      </ul>
      {others.length === 0 && <p className="presence__alone muted">{t('presence.alone')}</p>}
      <p className="visually-hidden" aria-live="polite" data-testid="presence-announcer">
        {announcement}
      </p>
    </section>
  )
}
