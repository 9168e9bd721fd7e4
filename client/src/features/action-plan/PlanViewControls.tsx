import { PLAN_VIEW_NONE, type PlanGrouping, type PlanViewQuery } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type { ObjectiveChoices } from './objectiveChoices.ts'

interface PlanViewControlsProps {
  query: PlanViewQuery
  onChange(next: PlanViewQuery): void
  objectives: ObjectiveChoices
  partners: readonly { id: string; name: string }[]
  /** Actions shown (counted once each) and in the plan. */
  shown: number
  total: number
}

/** Filters by objective and partner and the grouping (OBJ11): labelled native selects, the count announced politely. */
export function PlanViewControls({ query, onChange, objectives, partners, shown, total }: PlanViewControlsProps) {
  const { t } = useTranslation()
  const active = Boolean(query.objective || query.partner || query.group)
  return (
    <fieldset className="plan-view" data-testid="plan-view">
      <legend>{t('plan.view.legend')}</legend>
      <label className="plan-view__field">
        <span>{t('plan.view.objective')}</span>
        <select value={query.objective ?? ''} onChange={(e) => onChange({ ...query, objective: e.target.value || null })} data-testid="plan-filter-objective">
          <option value="">{t('plan.view.allObjectives')}</option>
          <option value={PLAN_VIEW_NONE}>{t('plan.view.noObjective')}</option>
          {objectives.groups.map((group) => (
            <optgroup key={group.id ?? ''} label={group.title}>
              {group.options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="plan-view__field">
        <span>{t('plan.view.partner')}</span>
        <select value={query.partner ?? ''} onChange={(e) => onChange({ ...query, partner: e.target.value || null })} data-testid="plan-filter-partner">
          <option value="">{t('plan.view.allPartners')}</option>
          <option value={PLAN_VIEW_NONE}>{t('plan.view.noPartner')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="plan-view__field">
        <span>{t('plan.view.group')}</span>
        <select
          value={query.group ?? ''}
          onChange={(e) => onChange({ ...query, group: (e.target.value || null) as PlanGrouping | null })}
          data-testid="plan-group-by"
        >
          <option value="">{t('plan.view.groupNone')}</option>
          <option value="objective">{t('plan.view.groupObjective')}</option>
          <option value="partner">{t('plan.view.groupPartner')}</option>
        </select>
      </label>
      {active && (
        <button type="button" className="button button--small" onClick={() => onChange({})}>
          {t('plan.view.reset')}
        </button>
      )}
      <p className="plan-view__count" role="status" data-testid="plan-view-count">
        {active ? t('plan.view.shown', { count: shown, total }) : ''}
      </p>
    </fieldset>
  )
}
