import { PLAN_VIEW_NONE, type PlanGrouping, type PlanViewQuery } from '@ensemble/shared'
import { useId } from 'react'
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
  // Labels by `for`: a select inside its label would add its chosen option to its name.
  const ids = { objective: useId(), partner: useId(), group: useId() }
  return (
    <fieldset className="plan-view" data-testid="plan-view">
      <legend>{t('plan.view.legend')}</legend>
      <div className="plan-view__field">
        <label htmlFor={ids.objective}>{t('plan.view.objective')}</label>
        <select
          id={ids.objective}
          value={query.objective ?? ''}
          onChange={(e) => onChange({ ...query, objective: e.target.value || null })}
          data-testid="plan-filter-objective"
        >
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
      </div>
      <div className="plan-view__field">
        <label htmlFor={ids.partner}>{t('plan.view.partner')}</label>
        <select
          id={ids.partner}
          value={query.partner ?? ''}
          onChange={(e) => onChange({ ...query, partner: e.target.value || null })}
          data-testid="plan-filter-partner"
        >
          <option value="">{t('plan.view.allPartners')}</option>
          <option value={PLAN_VIEW_NONE}>{t('plan.view.noPartner')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="plan-view__field">
        <label htmlFor={ids.group}>{t('plan.view.group')}</label>
        <select
          id={ids.group}
          value={query.group ?? ''}
          onChange={(e) => onChange({ ...query, group: (e.target.value || null) as PlanGrouping | null })}
          data-testid="plan-group-by"
        >
          <option value="">{t('plan.view.groupNone')}</option>
          <option value="objective">{t('plan.view.groupObjective')}</option>
          <option value="partner">{t('plan.view.groupPartner')}</option>
        </select>
      </div>
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
