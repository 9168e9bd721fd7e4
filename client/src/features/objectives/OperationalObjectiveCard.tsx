import { INDICATOR_FAMILIES, missingSmartLetters, type OperationalObjective, ROOT } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ObjectiveActions } from './ActionLinks.tsx'
import { IndicatorCard } from './IndicatorCard.tsx'
import { LiveChecklist, LiveField } from './LiveField.tsx'
import type { SteeringPageContext } from './pageContext.ts'
import { SmartBadges } from './SmartBadges.tsx'
import type { Row } from './steeringStore.ts'
import { addIndicator, deleteSteeringEntry, setSteeringField } from './steeringWrites.ts'

/**
 * One operational objective: its SMART fields, the letters still missing, « Valider » once none is,
 * and its indicators. Steering edits it; everyone sees it change live.
 */
export function OperationalObjectiveCard({ page, objective }: { page: SteeringPageContext; objective: Row<OperationalObjective> }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const { doc, steering, rules, canDefine } = page
  const indicators = steering.indicators.filter((i) => i.objectiveId === objective.id)
  const strategicIds = new Set(steering.strategic.map((s) => s.id))
  const missing = missingSmartLetters(objective, { period: steering.period, isStrategic: (id) => strategicIds.has(id), indicators })
  const set = (field: string, value: unknown) => setSteeringField(doc, ROOT.objectives, objective.id, field, value)
  const check = (field: string) => (value: unknown) => rules.objective(objective, { [field]: value })
  const headingId = `objective-${objective.id}`
  const validated = objective.status === 'validated'
  const statusError = validated ? null : rules.objective(objective, { status: 'validated' })
  return (
    <article className="card objective objective--operational" aria-labelledby={headingId} data-testid={`operational-${objective.id}`}>
      <div className="objective__head">
        <h4 id={headingId}>{objective.title}</h4>
        <span className={`badge objective__status objective__status--${objective.status}`} data-testid="objective-status">
          {t(`objectives.statuses.${objective.status}`)}
        </span>
        <SmartBadges missing={missing} testId="smart-badges" />
      </div>
      <div className="objective__fields">
        <LiveField
          kind="text"
          label={t('objectives.fields.title')}
          value={objective.title}
          readOnly={!canDefine}
          validate={check('title')}
          onCommit={(v) => set('title', v)}
          testId="objective-title"
        />
        <LiveField
          kind="textarea"
          label={t('objectives.fields.statement')}
          value={objective.statement}
          readOnly={!canDefine}
          validate={check('statement')}
          onCommit={(v) => set('statement', v)}
          testId="objective-statement"
        />
        <LiveField
          kind="select"
          label={t('objectives.fields.parent')}
          value={objective.parentId ?? ''}
          options={[{ value: '', label: t('objectives.fields.noParent') }, ...steering.strategic.map((s) => ({ value: s.id, label: s.title }))]}
          readOnly={!canDefine}
          validate={(v) => check('parentId')(v || null)}
          onCommit={(v) => set('parentId', v || null)}
          testId="objective-parent"
        />
        <LiveField
          kind="date"
          label={t('objectives.fields.targetDate')}
          value={objective.targetDate ?? ''}
          readOnly={!canDefine}
          validate={(v) => check('targetDate')(v || null)}
          onCommit={(v) => set('targetDate', v || null)}
          testId="objective-target-date"
        />
        <LiveField
          kind="textarea"
          label={t('objectives.fields.resources')}
          value={objective.resources}
          readOnly={!canDefine}
          validate={check('resources')}
          onCommit={(v) => set('resources', v)}
          testId="objective-resources"
        />
        <LiveChecklist
          legend={t('objectives.fields.partners')}
          options={workspace.partners.map((p) => ({ value: p.id, label: p.name }))}
          value={objective.partnerIds}
          readOnly={!canDefine}
          validate={check('partnerIds')}
          onCommit={(v) => set('partnerIds', v)}
          testId="objective-partners"
        />
      </div>
      {canDefine && (
        <div className="objective__actions">
          {validated ? (
            <button type="button" className="button button--small" onClick={() => set('status', 'draft')}>
              {t('objectives.backToDraft')}
            </button>
          ) : (
            // Not disabled: a disabled button cannot be focused, and its reason must be heard.
            <button
              type="button"
              className="button button--small button--primary"
              aria-disabled={statusError ? true : undefined}
              aria-describedby={statusError ? `${headingId}-status` : undefined}
              onClick={() => !statusError && set('status', 'validated')}
              data-testid="validate-objective"
            >
              {t('objectives.validate')}
            </button>
          )}
          {statusError && (
            <p className="field__hint" id={`${headingId}-status`}>
              {statusError}
            </p>
          )}
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => deleteSteeringEntry(doc, ROOT.objectives, objective.id)}
            aria-label={t('objectives.deleteNamed', { name: objective.title })}
          >
            {t('objectives.delete')}
          </button>
        </div>
      )}
      <ObjectiveActions
        headingId={`${headingId}-actions`}
        objectiveId={objective.id}
        actionIds={page.links.byObjective.get(objective.id) ?? []}
        actions={page.actions}
      />
      <section className="objective__indicators" aria-labelledby={`${headingId}-indicators`}>
        <h5 id={`${headingId}-indicators`}>{t('objectives.indicators')}</h5>
        {indicators.length === 0 && <p>{t('objectives.indicatorsEmpty')}</p>}
        {indicators.map((indicator) => (
          <IndicatorCard key={indicator.id} page={page} indicator={indicator} />
        ))}
        {canDefine && (
          <button
            type="button"
            className="button button--small"
            data-testid="add-indicator"
            onClick={() =>
              addIndicator(doc, {
                objectiveId: objective.id,
                name: t('objectives.newIndicator'),
                family: INDICATOR_FAMILIES[2],
                unit: t('objectives.defaultUnit'),
                baseline: null,
                target: null,
                targetDate: null,
                source: '',
                frequency: 'quarterly',
                partnerId: objective.partnerIds[0] ?? null,
                purposes: ['monitor'],
              })
            }
          >
            {t('objectives.addIndicator')}
          </button>
        )}
      </section>
    </article>
  )
}
