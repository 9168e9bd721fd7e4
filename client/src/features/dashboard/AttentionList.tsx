import { ATTENTION_KINDS, ratioPercent, type AttentionSection } from '@ensemble/shared'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { placeName, threadUrl } from '../comments/inboxPlaces.ts'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'
import { useDates } from './useDates.ts'

const sectionUrl = (workspaceId: string, key: string): string =>
  workspaceUrl(
    workspaceId,
    SECTIONS.find((s) => s.key === key),
  )

/**
 * DASH1–DASH3: what needs the member's attention, one list per kind in a fixed order, empty kinds
 * left out. Each kind is one `case` below (DASH11: the partners' balance alerts link to the balance page).
 */
export function AttentionList({ workspaceId, sections }: { workspaceId: string; sections: readonly AttentionSection[] }) {
  const { t } = useTranslation()
  const shown = ATTENTION_KINDS.map((kind) => sections.find((s) => s.kind === kind)).filter((s): s is AttentionSection => !!s && s.total > 0)
  return (
    <section aria-labelledby="attention-title" className="card dash-attention" data-testid="attention">
      <h2 id="attention-title">{t('dash.attentionTitle')}</h2>
      {shown.length === 0 ? (
        <p className="empty">{t('dash.nothing')}</p>
      ) : (
        shown.map((section) => (
          <section key={section.kind} aria-labelledby={`attention-${section.kind}`} className="dash-attention__kind" data-kind={section.kind}>
            <h3 id={`attention-${section.kind}`}>
              {t(`dash.sections.${section.kind}`)} <span className="badge">{section.total}</span>
            </h3>
            <ul>
              <Items workspaceId={workspaceId} section={section} />
            </ul>
            {section.items.length < section.total && section.kind !== 'meeting' && (
              <p className="muted">{t('dash.shown', { shown: section.items.length, total: section.total })}</p>
            )}
          </section>
        ))
      )}
    </section>
  )
}

function Items({ workspaceId, section }: { workspaceId: string; section: AttentionSection }): ReactNode {
  const { t } = useTranslation()
  const dates = useDates()
  const plan = sectionUrl(workspaceId, 'plan')
  const objectives = sectionUrl(workspaceId, 'objectives')
  switch (section.kind) {
    case 'actions_overdue':
    case 'actions_due_soon':
      return section.items.map((a) => (
        <li key={a.id}>
          <Link to={plan}>{a.title}</Link> — {t('dash.deadline', { date: dates.day(a.deadline) })} · {t(`plan.statuses.${a.status}`)}
        </li>
      ))
    case 'objectives_off_track':
      return section.items.map((o) => (
        <li key={o.id}>
          <Link to={objectives}>{o.title}</Link>
        </li>
      ))
    case 'values_due':
      return section.items.map((v) => (
        <li key={v.indicatorId} data-indicator={v.indicatorId}>
          <Link to={objectives}>{v.name}</Link> — {t(v.status === 'late' ? 'dash.valueLate' : 'dash.valueSoon', { date: dates.day(v.date) })}
          {v.mine && <span className="badge">{t('dash.mine')}</span>}
        </li>
      ))
    case 'balance_alerts':
      return section.items.map((b) => (
        <li key={b.partnerId} data-partner={b.partnerId}>
          <Link to={sectionUrl(workspaceId, 'balance')}>{b.name}</Link> — {t('dash.balanceAlert', { percent: ratioPercent(b.ratio), period: b.period })}
          {b.mine && <span className="badge">{t('dash.mine')}</span>}
        </li>
      ))
    case 'inbox':
      return section.items.map((i) => (
        <li key={i.id}>
          <Link to={threadUrl(workspaceId, i.docName, null)}>{i.excerpt ?? t('dash.inboxItem', { date: dates.moment(i.createdAt) })}</Link>
        </li>
      ))
    case 'signoff':
      return section.items.map((s) => (
        <li key={s.roundId}>
          <Link to={threadUrl(workspaceId, s.docName, null)}>{placeName(t, s.docName)}</Link> — {t('dash.proposedOn', { date: dates.moment(s.proposedAt) })}
        </li>
      ))
    case 'meeting':
      return section.items.map((m) => (
        <li key={m.id}>
          <Link to={sectionUrl(workspaceId, 'meetings')}>{m.title}</Link> — {dates.moment(m.startsAt)}
          {m.place ? ` · ${m.place}` : ''}
        </li>
      ))
  }
}
