import { actionsOutsidePeriod, PERIOD_INPUT, periodOf, type PlanMeta, planMetaOf, validatePlanMeta } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { blame } from '../collab/blame.ts'
import { DateCell } from '../collab/cells/DateCell.tsx'
import { useYMapJson } from '../collab/useYMapJson.ts'
import type { PlanSnapshot } from './planStore.ts'
import { setPlanPeriod } from './planWrites.ts'

/** The period the plan covers (meta start/end), editable by the steering. */
export function PlanPeriod({ doc, plan, canEdit }: { doc: Y.Doc; plan: PlanSnapshot; canEdit: boolean }) {
  const { t } = useTranslation()
  const meta = useYMapJson<PlanMeta>(planMetaOf(doc))
  // The shared rules: real dates, start ≤ end, and no action left outside the new period (VAL9).
  const check = (field: 'start' | 'end', value: string): string | null => {
    const next = { ...meta, [field]: value }
    const dates = [...plan.byId].map(([id, a]) => [id, { start: a.start, deadline: a.deadline }] as const)
    return blame(
      [...validatePlanMeta(meta), ...actionsOutsidePeriod(periodOf(meta), dates)],
      [...validatePlanMeta(next), ...actionsOutsidePeriod(periodOf(next), dates)],
      [field, PERIOD_INPUT],
    )
  }
  return (
    <fieldset className="plan-period">
      <legend>{t('plan.period')}</legend>
      <label className="plan-period__field">
        <span>{t('plan.periodStart')}</span>
        <DateCell
          label={t('plan.periodStart')}
          value={meta.start ?? null}
          entity="meta"
          field="start"
          nullable={false}
          readOnly={!canEdit}
          validate={(v) => check('start', v)}
          onCommit={(v) => v && setPlanPeriod(doc, 'start', v)}
          testId="plan-start"
        />
      </label>
      <label className="plan-period__field">
        <span>{t('plan.periodEnd')}</span>
        <DateCell
          label={t('plan.periodEnd')}
          value={meta.end ?? null}
          entity="meta"
          field="end"
          nullable={false}
          readOnly={!canEdit}
          validate={(v) => check('end', v)}
          onCommit={(v) => v && setPlanPeriod(doc, 'end', v)}
          testId="plan-end"
        />
      </label>
    </fieldset>
  )
}
