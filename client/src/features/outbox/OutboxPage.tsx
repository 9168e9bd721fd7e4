import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { apiErrorMessage } from '../../components/validation.ts'

/** The links of a mail's text part (e.g. unsubscribe), shown as real links. */
const linksOf = (text: string): string[] => [...new Set(text.match(/https?:\/\/\S+/g) ?? [])]

/**
 * Development only (the route answers 404 in production): the mail the server kept in its local
 * outbox because no SMTP server is configured, newest first. Shows each mail's text part, never
 * its HTML, so nothing from a mail runs here.
 */
export function OutboxPage() {
  const { t, i18n } = useTranslation()
  const outbox = useQuery({ queryKey: queryKeys.outbox(), queryFn: () => call(rest.dev.outbox.$get()) })
  const mails = outbox.data ?? null
  const error = outbox.error ? apiErrorMessage(outbox.error, t) : null
  const load = () => void outbox.refetch()

  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <div className="page page--outbox">
      <h1 tabIndex={-1}>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <button type="button" className="button" onClick={load}>
        {t('outbox.refresh')}
      </button>
      <p role="status" aria-live="polite">
        {mails === null && !error ? t('app.loading') : mails?.length === 0 ? t('outbox.empty') : mails ? t('outbox.count', { count: mails.length }) : ''}
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {mails?.map((mail) => (
        <article key={mail.id} className="outbox-mail" aria-labelledby={`mail-${mail.id}`}>
          <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
          <p>
            {t('outbox.to')} {mail.to} · {t('outbox.date')} <time dateTime={mail.createdAt}>{when.format(new Date(mail.createdAt))}</time>
          </p>
          <pre style={{ whiteSpace: 'pre-wrap' }}>{mail.text}</pre>
          <nav aria-label={t('outbox.links')}>
            <ul>
              {linksOf(mail.text).map((href) => (
                <li key={href}>
                  <a href={href}>{href}</a>
                </li>
              ))}
            </ul>
          </nav>
        </article>
      ))}
    </div>
  )
}
