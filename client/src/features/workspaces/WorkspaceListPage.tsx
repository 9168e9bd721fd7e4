import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { currentLocale } from '../../i18n/index.ts'
import { formatDate } from '../../i18n/format.ts'
import { Link } from '../../router.tsx'
import { useErrorMessage } from '../auth/useApiErrorHandler.ts'
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx'
import { workspaceUrl } from './sections.ts'

export function WorkspaceListPage() {
  const { t } = useTranslation()
  const list = useQuery({ queryKey: queryKeys.workspaces(), queryFn: () => call(rest.workspaces.$get()) })
  const workspaces = list.data ?? null
  const error = useErrorMessage(list.error)

  return (
    <div className="page page--narrow">
      <h1 tabIndex={-1}>{t('workspaces.title')}</h1>
      {error && (
        <p className="notice notice--error" role="alert">
          {t('workspaces.loadError')} {error}
        </p>
      )}
      {!workspaces && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {workspaces && workspaces.length === 0 && <p className="empty">{t('workspaces.empty')}</p>}
      {workspaces && workspaces.length > 0 && (
        <ul className="workspace-list">
          {workspaces.map((w) => (
            <li key={w.id} className="card workspace-list__item">
              <h2>
                <Link to={workspaceUrl(w.id)} data-testid="workspace-link">
                  {w.name}
                </Link>
              </h2>
              <p className="muted">
                {t('workspaces.yourRole', { role: t(`roles.${w.role}`) })} · {t('workspaces.createdAt', { date: formatDate(w.createdAt, currentLocale()) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <CreateWorkspaceForm />
    </div>
  )
}
