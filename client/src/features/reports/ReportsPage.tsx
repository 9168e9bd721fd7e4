import { type ExportFile, exportFileName, REVIEW_FORMATS, TABLE_FORMATS, TABLE_REPORTS } from '@ensemble/shared'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { serverErrorMessage } from '../server-errors/serverErrorMessage.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { downloadExport } from './api.ts'
import './reports.css'

type Status = { file: string; state: 'preparing' | 'ready' } | { file: string; state: 'failed'; reason: string } | null

const THIS_YEAR = new Date().getFullYear()
/** The years a review can be asked for here: the plan's usual span around this year. */
const YEARS = Array.from({ length: 7 }, (_, i) => THIS_YEAR + 1 - i)

/**
 * The « Rapports » page (docs/SPEC.md EXP): the tables as CSV and XLSX, the annual review of a
 * chosen year as DOCX and PDF. Every member downloads (what they already see); one file at a time
 * is prepared, announced in a live region, and a refusal is said in French.
 */
export function ReportsPage() {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const [year, setYear] = useState(THIS_YEAR)
  const [status, setStatus] = useState<Status>(null)
  const yearId = useId()
  const busy = status?.state === 'preparing'

  const download = async (file: ExportFile) => {
    const name = exportFileName(file)
    setStatus({ file: name, state: 'preparing' })
    try {
      await downloadExport(workspace.id, file)
      setStatus({ file: name, state: 'ready' })
    } catch (error) {
      const reason = error instanceof ApiError ? serverErrorMessage(error, t) : t('serverErrors.codes.internal_error')
      setStatus({ file: name, state: 'failed', reason })
    }
  }

  const button = (file: ExportFile, label: string) => {
    const name = exportFileName(file)
    const preparing = status?.state === 'preparing' && status.file === name
    return (
      <button type="button" className="button" aria-label={label} aria-busy={preparing} disabled={busy} onClick={() => void download(file)}>
        {file.format.toUpperCase()}
        {preparing && <span aria-hidden="true"> …</span>}
      </button>
    )
  }

  return (
    <div className="page page--reports">
      <h1 tabIndex={-1}>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>

      <section aria-labelledby="reports-tables">
        <h2 id="reports-tables">{t('reports.tablesTitle')}</h2>
        <p className="reports__hint">{t('reports.tablesHint')}</p>
        <table className="reports__table">
          <thead>
            <tr>
              <th scope="col">{t('reports.report')}</th>
              <th scope="col">{t('reports.contents')}</th>
              <th scope="col">{t('reports.download')}</th>
            </tr>
          </thead>
          <tbody>
            {TABLE_REPORTS.map((report) => (
              <tr key={report}>
                <th scope="row">{t(`reports.tables.${report}`)}</th>
                <td>{t(`reports.tableContents.${report}`)}</td>
                <td>
                  <div className="reports__buttons">
                    {TABLE_FORMATS.map((format) => (
                      <span key={format}>
                        {button(
                          { kind: 'table', report, format },
                          t('reports.fileLabel', { report: t(`reports.tables.${report}`), format: format.toUpperCase() }),
                        )}
                      </span>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="reports-review">
        <h2 id="reports-review">{t('reports.reviewTitle')}</h2>
        <p className="reports__hint">{t('reports.reviewHint')}</p>
        <div className="reports__review">
          <label htmlFor={yearId}>{t('reports.year')}</label>
          <select id={yearId} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {REVIEW_FORMATS.map((format) => (
            <span key={format}>{button({ kind: 'review', year, format }, t('reports.reviewLabel', { year, format: format.toUpperCase() }))}</span>
          ))}
        </div>
      </section>

      <p className="reports__status" role="status" aria-live="polite">
        {status?.state === 'preparing' && t('reports.preparing', { file: status.file })}
        {status?.state === 'ready' && t('reports.ready', { file: status.file })}
      </p>
      {status?.state === 'failed' && (
        <p className="form__error" role="alert">
          {t('reports.failed', { file: status.file, reason: status.reason })}
        </p>
      )}
    </div>
  )
}
