import { ATTENDANCE_STATUSES, type AttendanceView, type MeetingDetail } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import type { MeetingsApi } from './meetingsApi.ts'
import { QuorumIndicator } from './QuorumIndicator.tsx'

interface Props {
  detail: MeetingDetail
  api: MeetingsApi
  /** Admin and steering take everyone's attendance; others only their own. */
  canTake: boolean
  me: string
  onError(error: unknown): void
}

/** Attendance taken live: one row per member with a status, the proxy holder and a recusal box. */
export function AttendancePanel({ detail, api, canTake, me, onError }: Props) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const nameOf = (userId: string) => workspace.members.find((m) => m.userId === userId)?.name ?? userId
  const partnerOf = (partnerId: string | null) => workspace.partners.find((p) => p.id === partnerId)?.name ?? t('meetings.noPartner')
  const save = (row: AttendanceView, patch: Partial<AttendanceView>) => {
    const next = { ...row, ...patch }
    api
      .attend(detail.meeting.id, {
        userId: row.userId,
        status: next.status,
        proxyTo: next.status === 'proxy' ? (next.proxyTo ?? null) : null,
        recused: next.recused,
      })
      .catch(onError)
  }
  const holders = detail.attendance.filter((a) => a.status === 'present' || a.status === 'remote')
  return (
    <section aria-labelledby="attendance-title" className="meeting-panel">
      <h2 id="attendance-title">{t('meetings.attendance')}</h2>
      <QuorumIndicator quorum={detail.quorum} />
      <ul className="attendance">
        {detail.attendance.map((row) => {
          const name = nameOf(row.userId)
          const editable = canTake || row.userId === me
          return (
            <li key={row.userId} className={`attendance__row attendance__row--${row.status}`} data-user-id={row.userId}>
              <span className="attendance__name">
                {name} <span className="muted">({partnerOf(row.partnerId)})</span>
              </span>
              <select
                aria-label={t('meetings.attendanceOf', { name })}
                value={row.status}
                disabled={!editable}
                onChange={(e) => save(row, { status: e.target.value as AttendanceView['status'] })}
                data-testid="attendance-status"
              >
                {ATTENDANCE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`meetings.attendanceStatuses.${s}`)}
                  </option>
                ))}
              </select>
              {row.status === 'proxy' && (
                <select
                  aria-label={t('meetings.proxyTo', { name })}
                  value={row.proxyTo ?? ''}
                  disabled={!editable}
                  onChange={(e) => save(row, { proxyTo: e.target.value || null })}
                >
                  <option value="">—</option>
                  {holders
                    .filter((h) => h.userId !== row.userId)
                    .map((h) => (
                      <option key={h.userId} value={h.userId}>
                        {nameOf(h.userId)}
                      </option>
                    ))}
                </select>
              )}
              <label className="attendance__recused">
                <input
                  type="checkbox"
                  checked={row.recused}
                  disabled={!editable}
                  onChange={(e) => save(row, { recused: e.target.checked })}
                  aria-label={t('meetings.recusedOf', { name })}
                />
                {t('meetings.recused')}
              </label>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
