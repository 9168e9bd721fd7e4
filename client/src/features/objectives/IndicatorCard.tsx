import { can, COLLECTION_FREQUENCIES, EVALUATION_PURPOSES, type Indicator, INDICATOR_FAMILIES, ROOT, trackStatus } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { LiveChecklist, LiveField } from './LiveField.tsx'
import { parseNumber } from './numbers.ts'
import type { SteeringPageContext } from './pageContext.ts'
import type { Row } from './steeringStore.ts'
import { deleteSteeringEntry, setSteeringField } from './steeringWrites.ts'
import { ValueForm } from './ValueForm.tsx'
import { ValuesTable } from './ValuesTable.tsx'

/** One indicator: its definition (steering), where it stands, its values and, for its partner's members, the value form. */
export function IndicatorCard({ page, indicator }: { page: SteeringPageContext; indicator: Row<Indicator> }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const { doc, steering, rules, canDefine } = page
  const set = (field: string, value: unknown) => setSteeringField(doc, ROOT.indicators, indicator.id, field, value)
  const check = (field: string) => (value: unknown) => rules.indicator(indicator, { [field]: value })
  const numberField = (field: 'baseline' | 'target') => ({
    validate: (v: string) => (v.trim() === '' ? check(field)(null) : parseNumber(v) === null ? t('objectives.valueNotNumber') : check(field)(parseNumber(v))),
    onCommit: (v: string) => set(field, v.trim() === '' ? null : parseNumber(v)),
  })
  const status = trackStatus(indicator, steering.period.start ?? null)
  const mayEnter = can({ role: page.role }, 'indicators.record', { responsiblePartner: indicator.partnerId !== null && page.partnerId === indicator.partnerId })
  const headingId = `indicator-${indicator.id}`
  return (
    <article className="indicator" aria-labelledby={headingId} data-testid={`indicator-${indicator.id}`}>
      <div className="indicator__head">
        <h6 id={headingId}>{indicator.name}</h6>
        <span className={`badge indicator__track indicator__track--${status}`} data-testid="indicator-track">
          {t(`objectives.track.${status}`)}
        </span>
      </div>
      <div className="objective__fields">
        <LiveField
          kind="text"
          label={t('objectives.indicatorFields.name')}
          value={indicator.name}
          readOnly={!canDefine}
          validate={check('name')}
          onCommit={(v) => set('name', v)}
          testId="indicator-name"
        />
        <LiveField
          kind="select"
          label={t('objectives.indicatorFields.family')}
          value={indicator.family}
          options={INDICATOR_FAMILIES.map((f) => ({ value: f, label: t(`objectives.families.${f}`) }))}
          readOnly={!canDefine}
          onCommit={(v) => set('family', v)}
        />
        <LiveField
          kind="text"
          label={t('objectives.indicatorFields.unit')}
          value={indicator.unit}
          readOnly={!canDefine}
          validate={check('unit')}
          onCommit={(v) => set('unit', v)}
          testId="indicator-unit"
        />
        <LiveField
          kind="number"
          label={t('objectives.indicatorFields.baseline')}
          value={indicator.baseline === null ? '' : String(indicator.baseline)}
          readOnly={!canDefine}
          {...numberField('baseline')}
          testId="indicator-baseline"
        />
        <LiveField
          kind="number"
          label={t('objectives.indicatorFields.target')}
          value={indicator.target === null ? '' : String(indicator.target)}
          readOnly={!canDefine}
          {...numberField('target')}
          testId="indicator-target"
        />
        <LiveField
          kind="date"
          label={t('objectives.indicatorFields.targetDate')}
          value={indicator.targetDate ?? ''}
          readOnly={!canDefine}
          validate={(v) => check('targetDate')(v || null)}
          onCommit={(v) => set('targetDate', v || null)}
        />
        <LiveField
          kind="text"
          label={t('objectives.indicatorFields.source')}
          value={indicator.source}
          readOnly={!canDefine}
          validate={check('source')}
          onCommit={(v) => set('source', v)}
        />
        <LiveField
          kind="select"
          label={t('objectives.indicatorFields.frequency')}
          value={indicator.frequency}
          options={COLLECTION_FREQUENCIES.map((f) => ({ value: f, label: t(`objectives.frequencies.${f}`) }))}
          readOnly={!canDefine}
          onCommit={(v) => set('frequency', v)}
        />
        <LiveField
          kind="select"
          label={t('objectives.indicatorFields.partner')}
          value={indicator.partnerId ?? ''}
          options={[{ value: '', label: t('objectives.indicatorFields.noPartner') }, ...workspace.partners.map((p) => ({ value: p.id, label: p.name }))]}
          readOnly={!canDefine}
          validate={(v) => check('partnerId')(v || null)}
          onCommit={(v) => set('partnerId', v || null)}
          testId="indicator-partner"
        />
        <LiveChecklist
          legend={t('objectives.indicatorFields.purposes')}
          options={EVALUATION_PURPOSES.map((p) => ({ value: p, label: t(`objectives.purposes.${p}`) }))}
          value={indicator.purposes}
          readOnly={!canDefine}
          validate={check('purposes')}
          onCommit={(v) => set('purposes', v)}
        />
      </div>
      {canDefine && (
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => deleteSteeringEntry(doc, ROOT.indicators, indicator.id)}
          aria-label={t('objectives.deleteNamed', { name: indicator.name })}
        >
          {t('objectives.delete')}
        </button>
      )}
      <ValuesTable indicator={indicator} />
      {mayEnter ? <ValueForm page={page} indicator={indicator} /> : <p className="field__hint">{t('objectives.notResponsible')}</p>}
    </article>
  )
}
