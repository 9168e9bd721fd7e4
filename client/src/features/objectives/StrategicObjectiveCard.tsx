import { HORIZON_YEARS, ROOT, type StrategicObjective } from '@ensemble/shared'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { LiveField } from './LiveField.tsx'
import type { SteeringPageContext } from './pageContext.ts'
import type { Row } from './steeringStore.ts'
import { deleteSteeringEntry, setSteeringField } from './steeringWrites.ts'

const HORIZONS = Array.from({ length: HORIZON_YEARS.max - HORIZON_YEARS.min + 1 }, (_, i) => String(HORIZON_YEARS.min + i))

/** One strategic objective (3–5 years, tied to the vision), with its operational objectives as children. */
export function StrategicObjectiveCard({ page, objective, children }: { page: SteeringPageContext; objective: Row<StrategicObjective>; children: ReactNode }) {
  const { t } = useTranslation()
  const { doc, rules, canDefine } = page
  const set = (field: string, value: unknown) => setSteeringField(doc, ROOT.objectives, objective.id, field, value)
  const check = (field: string) => (value: unknown) => rules.objective(objective, { [field]: value })
  const headingId = `objective-${objective.id}`
  return (
    <article className="card objective objective--strategic" aria-labelledby={headingId} data-testid={`strategic-${objective.id}`}>
      <h3 id={headingId}>{objective.title}</h3>
      <div className="objective__fields">
        <LiveField
          kind="text"
          label={t('objectives.fields.title')}
          value={objective.title}
          readOnly={!canDefine}
          validate={check('title')}
          onCommit={(v) => set('title', v)}
          testId="strategic-title"
        />
        <LiveField
          kind="select"
          label={t('objectives.fields.horizon')}
          value={String(objective.horizon)}
          options={HORIZONS.map((h) => ({ value: h, label: h }))}
          readOnly={!canDefine}
          onCommit={(v) => set('horizon', Number(v))}
        />
        <LiveField
          kind="textarea"
          label={t('objectives.fields.vision')}
          value={objective.vision}
          readOnly={!canDefine}
          validate={check('vision')}
          onCommit={(v) => set('vision', v)}
        />
      </div>
      {canDefine && (
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => deleteSteeringEntry(doc, ROOT.objectives, objective.id)}
          aria-label={t('objectives.deleteNamed', { name: objective.title })}
        >
          {t('objectives.delete')}
        </button>
      )}
      <div className="objective__children">{children}</div>
    </article>
  )
}
