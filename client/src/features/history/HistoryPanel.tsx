import { can, type DocumentStatus } from '@ensemble/shared'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { createVersion, fetchDiff, fetchSessions, fetchVersions, restoreVersion, type BlockDiff } from './api.ts'
import { attempt, useLoad } from './useLoad.ts'

const when = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))

/** Who changed the document (sessions) and its named versions: name, compare with now, restore. */
export function HistoryPanel({ docName, status }: { docName: string; status: DocumentStatus }) {
  const { t, i18n } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const ws = workspace.id
  const sessions = useLoad(() => fetchSessions(ws, docName))
  const versions = useLoad(() => fetchVersions(ws, docName))
  const [name, setName] = useState('')
  const [diff, setDiff] = useState<{ name: string; blocks: BlockDiff[] } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const canName = can({ role: abilities.role }, 'versions.create')
  const canRestore = can({ role: abilities.role }, 'versions.restore', { docStatus: status })
  const reload = () => {
    sessions.reload()
    versions.reload()
  }
  const onName = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) return
    void attempt(() => createVersion(ws, docName, name.trim()), () => (setName(''), reload()), versions.setError)
  }
  return (
    <section className="history-panel" aria-labelledby={`history-${docName}`}>
      <h2 id={`history-${docName}`}>{t('history.title')}</h2>
      <p role="status" aria-live="polite">{notice}</p>
      {(sessions.error || versions.error) && <p role="alert">{sessions.error ?? versions.error}</p>}
      <h3>{t('history.sessions')}</h3>
      {sessions.data?.length ? (
        <ol className="history-sessions">
          {[...sessions.data].reverse().map((s) => (
            <li key={s.firstRowId}>
              {t('history.session', {
                name: s.author.id ? (s.author.partnerName ? `${s.author.name} (${s.author.partnerName})` : s.author.name) : t('history.server'),
                count: s.edits,
                date: when(s.to, i18n.language),
              })}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('history.noSessions')}</p>
      )}
      <h3>{t('history.versions')}</h3>
      {canName && (
        <form onSubmit={onName} className="history-name">
          <label>
            {t('history.versionName')}
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
          </label>
          <button type="submit">{t('history.nameVersion')}</button>
        </form>
      )}
      {versions.data?.length ? (
        <ul className="history-versions">
          {versions.data.map((v) => (
            <li key={v.id}>
              <span>
                {v.name} — {when(v.createdAt, i18n.language)}
              </span>
              <button type="button" onClick={() => void attempt(async () => setDiff({ name: v.name, blocks: (await fetchDiff(ws, docName, v.id)).blocks }), () => {}, versions.setError)}>
                {t('history.compare')}
              </button>
              {canRestore && (
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t('history.confirmRestore', { name: v.name }))) void attempt(() => restoreVersion(ws, docName, v.id), () => (setNotice(t('history.restored')), reload()), versions.setError)
                  }}
                >
                  {t('history.restore')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('history.noVersions')}</p>
      )}
      {diff && (
        <div className="history-diff" role="region" aria-label={t('history.diffTitle', { name: diff.name })}>
          <h3>{t('history.diffTitle', { name: diff.name })}</h3>
          {diff.blocks.map((block, i) => (
            <p key={i} className={`diff-block diff-block--${block.status}`} data-type={block.type}>
              {block.parts.map((part, j) =>
                part.op === 'insert' ? (
                  <ins key={j} title={t('history.inserted')}>{part.text}</ins>
                ) : part.op === 'delete' ? (
                  <del key={j} title={t('history.deleted')}>{part.text}</del>
                ) : (
                  <span key={j}>{part.text}</span>
                ),
              )}
            </p>
          ))}
        </div>
      )}
    </section>
  )
}
