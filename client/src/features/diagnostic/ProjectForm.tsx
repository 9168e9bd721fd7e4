import { LIMITS, newId, validateProject, type ProjectFigure } from '@ensemble/shared'
import { useCallback, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from '../../router.tsx'
import { blame } from '../collab/blame.ts'
import { LiveField } from '../objectives/LiveField.tsx'
import { sectionBySlug, workspaceUrl } from '../workspaces/sections.ts'
import { setProjectField } from './diagnosticWrites.ts'
import type { DiagnosticPageContext } from './pageContext.ts'
import { VisionQuoter } from './VisionQuoter.tsx'

/** PROJ1 before writing one project field: the message to show, or null. */
const checkProject = (field: string, value: unknown): string | null => blame([], validateProject({ [field]: value }), [field])

/** « Le projet formalisé » (PROJ): steering writes, everyone reads it live. */
export function ProjectForm({ page, workspaceId }: { page: DiagnosticPageContext; workspaceId: string }) {
  const { t } = useTranslation()
  const { project } = page.snapshot
  const readOnly = !page.canProject
  const vision = sectionBySlug('vision')
  return (
    <section className="diagnostic__project" aria-labelledby="diagnostic-project">
      <h2 id="diagnostic-project">{t('diagnostic.projectTitle')}</h2>
      <p>{t('diagnostic.projectIntro')}</p>
      {readOnly && <p className="notice">{t('diagnostic.projectReadOnly')}</p>}
      <LiveField
        kind="textarea"
        label={t('diagnostic.socialNeed')}
        value={project.socialNeed}
        readOnly={readOnly}
        validate={(v) => checkProject('socialNeed', v)}
        onCommit={(v) => setProjectField(page.doc, 'socialNeed', v)}
        testId="project-social-need"
      />
      <Figures page={page} readOnly={readOnly} />
      <LiveField
        kind="textarea"
        label={t('diagnostic.whyCollective')}
        value={project.whyCollective}
        readOnly={readOnly}
        validate={(v) => checkProject('whyCollective', v)}
        onCommit={(v) => setProjectField(page.doc, 'whyCollective', v)}
      />
      <Beneficiaries page={page} readOnly={readOnly} />
      <h3>{t('diagnostic.visionTitle')}</h3>
      {vision && (
        <p>
          <Link to={workspaceUrl(workspaceId, vision)}>{t('diagnostic.visionLink')}</Link>
        </p>
      )}
      {readOnly ? (
        project.visionQuote && <blockquote className="diagnostic__quote">{project.visionQuote}</blockquote>
      ) : (
        <>
          <QuoteVision page={page} />
          <LiveField
            kind="textarea"
            label={t('diagnostic.visionQuote')}
            value={project.visionQuote}
            readOnly={readOnly}
            validate={(v) => checkProject('visionQuote', v)}
            onCommit={(v) => setProjectField(page.doc, 'visionQuote', v)}
          />
        </>
      )}
    </section>
  )
}

function Figures({ page, readOnly }: { page: DiagnosticPageContext; readOnly: boolean }) {
  const { t, i18n } = useTranslation()
  const { figures } = page.snapshot.project
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR')
  return (
    <>
      <h3>{t('diagnostic.figuresTitle')}</h3>
      {figures.length === 0 ? (
        <p>{t('diagnostic.noFigures')}</p>
      ) : (
        <table className="table" data-testid="project-figures">
          <caption>{t('diagnostic.figuresCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('diagnostic.figure.label')}</th>
              <th scope="col">{t('diagnostic.figure.value')}</th>
              <th scope="col">{t('diagnostic.figure.source')}</th>
              <th scope="col">{t('diagnostic.figure.year')}</th>
              {!readOnly && <td />}
            </tr>
          </thead>
          <tbody>
            {figures.map((f) => (
              <tr key={f.id}>
                <th scope="row">{f.label}</th>
                <td>
                  {number.format(f.value)} {f.unit}
                </td>
                <td>{f.source}</td>
                <td>{f.year ?? ''}</td>
                {!readOnly && (
                  <td>
                    <button
                      type="button"
                      className="button--secondary"
                      aria-label={t('diagnostic.removeFigure', { label: f.label })}
                      onClick={() =>
                        setProjectField(
                          page.doc,
                          'figures',
                          figures.filter((x) => x.id !== f.id),
                        )
                      }
                    >
                      {t('diagnostic.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && <FigureForm onAdd={(f) => setProjectField(page.doc, 'figures', [...figures, f])} />}
    </>
  )
}

function FigureForm({ onAdd }: { onAdd: (figure: ProjectFigure) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const empty = { value: '', unit: '', label: '', source: '', year: '' }
  const [draft, setDraft] = useState(empty)
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    const value = Number(draft.value.replace(',', '.').replace(/\s/g, ''))
    const year = draft.year.trim() === '' ? null : Number(draft.year)
    const figure: ProjectFigure = { id: newId(), value, unit: draft.unit.trim(), label: draft.label.trim(), source: draft.source.trim(), year }
    if (draft.value.trim() === '' || checkProject('figures', [figure])) {
      setError(t('diagnostic.figureInvalid'))
      return
    }
    setError(null)
    onAdd(figure)
    setDraft(empty)
  }
  const field = (key: keyof typeof empty, inputMode?: 'decimal' | 'numeric') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`diagnostic.figure.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type="text"
        inputMode={inputMode}
        value={draft[key]}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </div>
  )
  return (
    <form
      className="diagnostic__figure-form"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      {field('label')}
      {field('value', 'decimal')}
      {field('unit')}
      {field('source')}
      {field('year', 'numeric')}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t('diagnostic.addFigure')}</button>
    </form>
  )
}

function Beneficiaries({ page, readOnly }: { page: DiagnosticPageContext; readOnly: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const { beneficiaries } = page.snapshot.project
  const [name, setName] = useState('')
  return (
    <>
      <h3 id={`${id}-title`}>{t('diagnostic.beneficiariesTitle')}</h3>
      {beneficiaries.length === 0 ? (
        <p>{t('diagnostic.noBeneficiaries')}</p>
      ) : (
        <ul aria-labelledby={`${id}-title`} data-testid="project-beneficiaries">
          {beneficiaries.map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two beneficiaries may read the same; the list is replaced whole.
            <li key={i}>
              {b}{' '}
              {!readOnly && (
                <button
                  type="button"
                  className="button--secondary"
                  aria-label={t('diagnostic.removeBeneficiary', { name: b })}
                  onClick={() =>
                    setProjectField(
                      page.doc,
                      'beneficiaries',
                      beneficiaries.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('diagnostic.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          className="diagnostic__add"
          onSubmit={(e) => {
            e.preventDefault()
            const trimmed = name.trim()
            if (!trimmed || checkProject('beneficiaries', [...beneficiaries, trimmed])) return
            setProjectField(page.doc, 'beneficiaries', [...beneficiaries, trimmed])
            setName('')
          }}
        >
          <label htmlFor={`${id}-new`}>{t('diagnostic.newBeneficiary')}</label>
          <input id={`${id}-new`} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">{t('diagnostic.add')}</button>
        </form>
      )}
    </>
  )
}

/** « Citer le premier paragraphe de la vision »: steering quotes the vision as it stands now. */
function QuoteVision({ page }: { page: DiagnosticPageContext }) {
  const { t } = useTranslation()
  const [quoting, setQuoting] = useState(false)
  const [empty, setEmpty] = useState(false)
  const onQuote = useCallback(
    (text: string) => {
      setQuoting(false)
      setEmpty(text === '')
      if (text) setProjectField(page.doc, 'visionQuote', text.slice(0, LIMITS.textFieldLength))
    },
    [page.doc],
  )
  return (
    <div aria-live="polite">
      <button type="button" className="button--secondary" disabled={quoting} onClick={() => setQuoting(true)}>
        {t('diagnostic.quoteVision')}
      </button>
      {quoting && <VisionQuoter onQuote={onQuote} />}
      {empty && <p>{t('diagnostic.visionEmpty')}</p>}
    </div>
  )
}
