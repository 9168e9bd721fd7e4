import { can, type ProposeInput, proposeSchema, type SignoffRoundView } from '@ensemble/shared'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { queryKeys } from '../../api/queryKeys.ts'
import { withContentKeys } from '../../components/contentKeys.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { apiErrorMessage } from '../../components/validation.ts'
import { useMe } from '../auth/SessionContext.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { castVote, draftExportPath, exportPath, fetchRounds, proposeVersion, unlockDocument, withdrawRound } from '../history/api.ts'
import { useDocumentEvents } from '../history/useDocumentEvents.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { ArticleList } from './ArticleList.tsx'
import { HashValue } from './HashValue.tsx'
import './signoffPanel.css'

/**
 * Adoption of a text partner by partner: steering proposes (or unlocks for an amendment), each
 * partner's representative approves (the whole text, or article by article on each article's diff:
 * SIGN14), abstains or objects; the adopted version exports with its hash, a draft with its mark (SIGN15).
 * A round is shown as its sealed audit entries record it; what its stored rows say otherwise is
 * listed in a visible warning (AUDIT5), and a tampered adoption offers no export.
 */
export function SignoffPanel({ docName, status }: { docName: string; status: string }) {
  const { t } = useTranslation()
  const { workspace, abilities } = useWorkspace()
  const me = useMe()
  const ws = workspace.id
  const queryClient = useQueryClient()
  const rounds = useQuery({ queryKey: queryKeys.signoff(ws, docName), queryFn: () => fetchRounds(ws, docName) })
  // Every step of a round is a call, then the rounds read again; its failure shows until the next step.
  const step = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.signoff(ws, docName) }),
  })
  const run = (action: () => Promise<unknown>, then?: () => void) => step.mutate(action, { onSuccess: then })
  const failure = step.error ?? rounds.error
  const [notice, setNotice] = useState('')
  // Another member proposed, answered, withdrew or unlocked: the rounds are read again
  // (api/liveQueries.ts) and it is said politely.
  useDocumentEvents(ws, docName, 'signoff.changed', (reason) => {
    if (reason === 'event') setNotice(t('history.live.signoffChanged'))
  })
  const manage = can({ role: abilities.role }, 'signoff.manage')
  const open = rounds.data?.find((r) => r.status === 'open') ?? null
  const lastAdopted = rounds.data?.filter((r) => r.status === 'adopted').at(-1) ?? null
  return (
    <section className="signoff-panel" aria-labelledby={`signoff-${docName}`}>
      <h2 id={`signoff-${docName}`}>{t('history.signoff.title')}</h2>
      <p role="status" aria-live="polite" className="visually-hidden">
        {notice}
      </p>
      {failure && <p role="alert">{apiErrorMessage(failure, t)}</p>}
      {rounds.data?.length === 0 && <p>{t('history.signoff.none')}</p>}
      {rounds.data?.map((round) => (
        <Round key={round.id} round={round} myId={me.id} run={run} workspaceId={ws} manage={manage} />
      ))}
      {manage && !open && status !== 'adopted' && (
        <ProposeForm
          propose={async (name) => {
            await proposeVersion(ws, docName, name)
            await queryClient.invalidateQueries({ queryKey: queryKeys.signoff(ws, docName) })
          }}
        />
      )}
      {manage && status === 'adopted' && (
        <button type="button" onClick={() => run(() => unlockDocument(ws, docName))}>
          {t('history.signoff.unlock')}
        </button>
      )}
      {status !== 'adopted' && (
        <p>
          {t('signoffExports.draft')} <a href={draftExportPath(ws, docName, 'pdf')}>PDF</a> · <a href={draftExportPath(ws, docName, 'odt')}>ODT</a> ·{' '}
          <a href={draftExportPath(ws, docName, 'docx')}>DOCX</a>
        </p>
      )}
      {lastAdopted && !lastAdopted.audit.ok && <p className="notice notice--warning">{t('signoffExports.unavailable')}</p>}
      {lastAdopted?.audit.ok && (
        <p>
          <a href={exportPath(ws, docName, 'pdf')}>{t('history.signoff.exportPdf')}</a> ·{' '}
          <a href={exportPath(ws, docName, 'odt')}>{t('history.signoff.exportOdt')}</a>
          {' · '}
          <a href={exportPath(ws, docName, 'docx')}>{t('signoffExports.docx')}</a>
        </p>
      )}
    </section>
  )
}

/** Steering names the current state and proposes it, on the shared schema: a blank name is refused beside the field (EDGE7). */
function ProposeForm({ propose }: { propose(name: string): Promise<void> }) {
  const { t } = useTranslation()
  const { bind, errorOf, formError, busy, onSubmit, form } = useSchemaForm<{ name: string }, ProposeInput>(proposeSchema, {
    defaultValues: { name: '' },
    describe: useApiErrorHandler(),
  })
  const submit = onSubmit(async (data) => {
    await propose(data.name ?? '')
    form.reset({ name: '' })
  })
  const name = bind('name')
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="propose-form">
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <Field label={t('history.signoff.proposeName')} error={errorOf('name')}>
        {(control) => <input {...control} value={name.value} onChange={name.onChange} maxLength={200} required />}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('history.signoff.propose')}
      </button>
    </form>
  )
}

function Round(props: {
  round: SignoffRoundView
  myId: string
  workspaceId: string
  manage: boolean
  run: (action: () => Promise<unknown>, then?: () => void) => void
}) {
  const { round, myId, workspaceId, manage, run } = props
  const { t, i18n } = useTranslation()
  const [comment, setComment] = useState('')
  const [clause, setClause] = useState(round.clauses[0] ?? '')
  const mine = round.status === 'open' && round.votes.some((v) => v.userId === myId)
  const myPartnerId = mine ? (round.votes.find((v) => v.userId === myId)?.partnerId ?? null) : null
  const vote = (v: 'approve' | 'abstain' | 'object') =>
    run(
      () => castVote(workspaceId, round.docName, round.id, v === 'object' ? { vote: v, comment, clause } : { vote: v }),
      () => setComment(''),
    )
  return (
    <article className={`signoff-round signoff-round--${round.status}`}>
      <h3>
        {t('history.signoff.round', {
          kind: t(`history.signoff.kinds.${round.kind}`),
          name: round.versionName,
          status: t(`history.signoff.statuses.${round.status}`),
        })}
      </h3>
      <p>
        {t('history.signoff.hash')} : <HashValue value={round.contentHash} />
      </p>
      {round.baseHash && (
        <p>
          {t('history.signoff.baseHash')} : <HashValue value={round.baseHash} />
        </p>
      )}
      <p className="signoff-round__rule">
        {t('adoptionRules.roundRule', { rule: t(`decisionRules.${round.rule}`) })}
        <br />
        {/* The server explains the outcome in both languages (approvals counted against the rule). */}
        {round.outcome.explanation[i18n.language === 'en' ? 'en' : 'fr']}
      </p>
      <p>
        {t('history.signoff.clauses')} : {round.clauses.map((c) => c || '—').join(' · ')}
      </p>
      {!round.audit.ok && (
        <div className="notice notice--warning signoff-round__audit" role="alert">
          <p>
            <strong>{t('signoffAudit.warning')}</strong> {t('signoffAudit.explanation')}
          </p>
          <ul>
            {withContentKeys(round.audit.problems, (p) => `${p.seq ?? ''}:${p.partnerId ?? ''}:${p.message.fr}`).map(({ key, item: problem }) => (
              <li key={key}>{problem.message[i18n.language === 'en' ? 'en' : 'fr']}</li>
            ))}
          </ul>
        </div>
      )}
      <ul>
        {round.votes.map((v) => (
          <li key={v.partnerId}>
            {v.partnerName} ({v.userName ?? '—'}) : {t(`history.signoff.votes.${v.vote ?? 'none'}`)}
            {v.vote === 'approve' && v.clause !== null && v.approvedClauses.length < round.clauses.length
              ? ` (${t('signoffArticles.partial', { approved: v.approvedClauses.length, count: round.clauses.length })})`
              : ''}
            {v.comment ? ` — ${v.comment}` : ''}
          </li>
        ))}
      </ul>
      {round.status === 'open' && (
        <ArticleList
          round={round}
          workspaceId={workspaceId}
          myPartnerId={myPartnerId}
          approve={(clause) => run(() => castVote(workspaceId, round.docName, round.id, { vote: 'approve', clause }))}
        />
      )}
      {mine && (
        <fieldset className="signoff-vote" aria-label={t('history.signoff.title')}>
          <button type="button" onClick={() => vote('approve')}>
            {t('history.signoff.approve')}
          </button>
          <button type="button" onClick={() => vote('abstain')}>
            {t('history.signoff.abstain')}
          </button>
          <label>
            {t('history.signoff.clause')}
            <select value={clause} onChange={(e) => setClause(e.target.value)}>
              {round.clauses.map((c) => (
                <option key={c} value={c}>
                  {c || '—'}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('history.signoff.objection')}
            <textarea value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button type="button" disabled={!comment.trim()} onClick={() => vote('object')}>
            {t('history.signoff.object')}
          </button>
        </fieldset>
      )}
      {manage && round.status === 'open' && (
        <button type="button" onClick={() => run(() => withdrawRound(workspaceId, round.docName, round.id))}>
          {t('history.signoff.withdraw')}
        </button>
      )}
    </article>
  )
}
