import { ROOT } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { LiveChecklist, LiveField } from './LiveField.tsx'
import type { SteeringPageContext } from './pageContext.ts'
import { addQuestion, deleteSteeringEntry, setSteeringField } from './steeringWrites.ts'

/** « Questions évaluatives »: each linked to the objectives and indicators that answer it. */
export function QuestionsSection({ page }: { page: SteeringPageContext }) {
  const { t } = useTranslation()
  const { doc, steering, rules, canDefine } = page
  const objectives = [...steering.strategic, ...steering.operational].map((o) => ({ value: o.id, label: o.title }))
  const indicators = steering.indicators.map((i) => ({ value: i.id, label: i.name }))
  return (
    <section aria-labelledby="questions-heading" data-testid="questions">
      <h2 id="questions-heading">{t('objectives.questions')}</h2>
      <p>{t('objectives.questionsIntro')}</p>
      {steering.questions.length === 0 && <p>{t('objectives.questionsEmpty')}</p>}
      {steering.questions.map((question, n) => {
        const set = (field: string, value: unknown) => setSteeringField(doc, ROOT.questions, question.id, field, value)
        const check = (field: string) => (value: unknown) => rules.question(question, { [field]: value })
        // Links to what was deleted since are not shown (nor kept when the links change).
        const linked = (ids: readonly string[], options: { value: string }[]) => ids.filter((id) => options.some((o) => o.value === id))
        return (
          <article key={question.id} className="card question" aria-labelledby={`question-${question.id}`} data-testid={`question-${question.id}`}>
            <h3 id={`question-${question.id}`}>
              {n + 1}. {question.text}
            </h3>
            <LiveField
              kind="textarea"
              label={t('objectives.questionFields.text')}
              value={question.text}
              readOnly={!canDefine}
              validate={check('text')}
              onCommit={(v) => set('text', v)}
            />
            <div className="objective__fields">
              <LiveChecklist
                legend={t('objectives.questionFields.objectives')}
                options={objectives}
                value={linked(question.objectiveIds, objectives)}
                readOnly={!canDefine}
                validate={check('objectiveIds')}
                onCommit={(v) => set('objectiveIds', v)}
              />
              <LiveChecklist
                legend={t('objectives.questionFields.indicators')}
                options={indicators}
                value={linked(question.indicatorIds, indicators)}
                readOnly={!canDefine}
                validate={check('indicatorIds')}
                onCommit={(v) => set('indicatorIds', v)}
              />
            </div>
            {canDefine && (
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => deleteSteeringEntry(doc, ROOT.questions, question.id)}
                aria-label={t('objectives.deleteNamed', { name: question.text })}
              >
                {t('objectives.delete')}
              </button>
            )}
          </article>
        )
      })}
      {canDefine && (
        <button type="button" className="button" data-testid="add-question" onClick={() => addQuestion(doc, t('objectives.newQuestion'))}>
          {t('objectives.addQuestion')}
        </button>
      )}
    </section>
  )
}
