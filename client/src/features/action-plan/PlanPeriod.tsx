import { isoDateSchema, type PlanMeta, planMetaOf } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { checkWith } from '../../components/validation.ts'
import { DateCell } from '../collab/cells/DateCell.tsx'
import { useYMapJson } from '../collab/useYMapJson.ts'
import { setPlanPeriod } from './planWrites.ts'

/** The period the plan covers (meta start/end), editable by the steering. */
export function PlanPeriod({ doc, canEdit }: { doc: Y.Doc; canEdit: boolean }) {
  const { t } = useTranslation()
  const meta = useYMapJson<PlanMeta>(planMetaOf(doc))
  const check = (value: string, other: string | undefined, isEnd: boolean) =>
    checkWith(isoDateSchema, value, t) ?? (other && (isEnd ? value < other : value > other) ? t('errors.endBeforeStart') : null)
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
          validate={(v) => check(v, meta.end, false)}
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
          validate={(v) => check(v, meta.start, true)}
          onCommit={(v) => v && setPlanPeriod(doc, 'end', v)}
          testId="plan-end"
        />
      </label>
    </fieldset>
  )
}
