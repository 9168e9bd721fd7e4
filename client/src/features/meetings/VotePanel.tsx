import { DECISION_TYPES, type DecisionType, type MeetingDetail, type OpenVoteInput, openVoteSchema, type VoteView } from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CollegeExplanation } from './CollegeExplanation.tsx'
import type { MeetingsApi } from './meetingsApi.ts'

interface Props {
  detail: MeetingDetail
  api: MeetingsApi
  canChair: boolean
  me: string
  onError(error: unknown): void
}

const round = (n: number) => Math.round(n * 100) / 100

interface OpenVoteValues {
  question: string
  decisionType: DecisionType
  agendaItemId: string
  secret: boolean
}

/** Open a vote, cast ballots (for oneself or a proxy), watch the tally and the result live. */
export function VotePanel({ detail, api, canChair, me, onError }: Props) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="votes-title" className="meeting-panel">
      <h2 id="votes-title">{t('meetings.votes')}</h2>
      {detail.votes.map((vote) => (
        <VoteCard key={vote.id} vote={vote} detail={detail} api={api} canChair={canChair} me={me} onError={onError} />
      ))}
      {canChair && <OpenVoteForm detail={detail} api={api} />}
    </section>
  )
}

/** The chair's form opening a vote, on the shared schema: its refusals beside their fields (UI2, EDGE7). */
function OpenVoteForm({ detail, api }: Pick<Props, 'detail' | 'api'>) {
  const { t } = useTranslation()
  const { bind, bindCheckbox, errorOf, formError, busy, onSubmit, set } = useSchemaForm<OpenVoteValues, OpenVoteInput>(openVoteSchema, {
    defaultValues: { question: '', decisionType: 'ordinary', agendaItemId: '', secret: false },
    prepare: (v) => ({ ...v, question: v.question.trim(), agendaItemId: v.agendaItemId || null }),
    describe: useApiErrorHandler(),
  })
  const submit = onSubmit(async (data) => {
    await api.openVote(detail.meeting.id, data)
    set('question', '')
  })
  const question = bind('question')
  const decisionType = bind('decisionType')
  const agendaItem = bind('agendaItemId')
  return (
    <form onSubmit={submit} className="form vote-form" noValidate aria-label={t('meetings.openVote')}>
      {formError && (
        <p className="form__error" role="alert">
          {formError}
        </p>
      )}
      <Field label={t('meetings.question')} error={errorOf('question')}>
        {(control) => <input {...control} value={question.value} onChange={question.onChange} required maxLength={200} data-testid="vote-question" />}
      </Field>
      <Field label={t('meetings.decisionType')} error={errorOf('decisionType')}>
        {(control) => (
          <select {...control} value={decisionType.value} onChange={decisionType.onChange}>
            {DECISION_TYPES.map((d) => (
              <option key={d} value={d}>
                {t(`meetings.decisionTypes.${d}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {detail.agenda.length > 0 && (
        <Field label={t('meetings.agendaItem')} error={errorOf('agendaItemId')}>
          {(control) => (
            <select {...control} value={agendaItem.value} onChange={agendaItem.onChange}>
              <option value="">{t('meetings.noAgendaItem')}</option>
              {detail.agenda.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <label className="field field--checkbox">
        <input type="checkbox" {...bindCheckbox('secret')} /> {t('meetings.secret')}
      </label>
      <button type="submit" className="button button--primary" data-testid="open-vote" disabled={busy}>
        {t('meetings.openVote')}
      </button>
    </form>
  )
}

function VoteCard({ vote, detail, api, canChair, me, onError }: { vote: VoteView } & Props) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const [refusal, setRefusal] = useState<string | null>(null)
  const nameOf = (userId: string) => workspace.members.find((m) => m.userId === userId)?.name ?? userId
  // Seats I may vote for: mine, and those whose proxy I hold, not yet voted.
  const seats = [me, ...detail.attendance.filter((a) => a.status === 'proxy' && a.proxyTo === me).map((a) => a.userId)].filter((id) => !vote.voted.includes(id))
  const [forId, setForId] = useState(me)
  const cast = (choice: 'for' | 'against' | 'abstain') => {
    setRefusal(null)
    api.cast(detail.meeting.id, vote.id, choice, forId === me ? undefined : forId).catch((error: unknown) => {
      if (error instanceof ApiError && error.reason && error.reason in REASONS) setRefusal(t(`meetings.ballotRefused.${error.reason as keyof typeof REASONS}`))
      else onError(error)
    })
  }
  const result = vote.result
  const item = detail.agenda.find((i) => i.id === vote.agendaItemId)
  return (
    <article className="vote" data-testid="vote" data-vote-status={vote.status} aria-labelledby={`vote-${vote.id}`}>
      <h3 id={`vote-${vote.id}`}>{vote.question}</h3>
      <p className="muted">
        {t('meetings.ruleOf', { rule: t(`decisionRules.${vote.rule}`) })}
        {vote.secret && ` · ${t('meetings.secret')}`}
        {item && ` · ${t('meetings.aboutItem', { title: item.title })}`}
      </p>
      <p role="status" aria-live="polite" data-testid="vote-tally">
        {vote.tally ? t('meetings.tally', { ...vote.tally, voted: vote.voted.length }) : t('meetings.secretTally', { voted: vote.voted.length })}
      </p>
      {result && (
        <p
          role="status"
          aria-live="assertive"
          className={`vote__result vote__result--${result.outcome}`}
          data-testid="vote-result"
          data-outcome={result.outcome}
        >
          {result.weighted
            ? t('meetings.result', {
                outcome: t(`meetings.outcomes.${result.outcome}`),
                for: round(result.weighted.for),
                against: round(result.weighted.against),
                abstain: round(result.weighted.abstain),
              })
            : t('meetings.secretResult', { outcome: t(`meetings.outcomes.${result.outcome}`), ...result.votes })}
        </p>
      )}
      {result && <CollegeExplanation colleges={result.colleges} testId="vote-explanation" />}
      {vote.status === 'open' && seats.length > 0 && (
        <fieldset className="vote__ballot" aria-label={vote.question}>
          {seats.length > 1 && (
            <label>
              {t('meetings.voteAs')}{' '}
              <select value={forId} onChange={(e) => setForId(e.target.value)}>
                {seats.map((id) => (
                  <option key={id} value={id}>
                    {id === me ? t('meetings.myself') : t('meetings.onBehalf', { name: nameOf(id) })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="button" onClick={() => cast('for')} data-testid="ballot-for">
            {t('meetings.voteFor')}
          </button>
          <button type="button" className="button" onClick={() => cast('against')} data-testid="ballot-against">
            {t('meetings.voteAgainst')}
          </button>
          <button type="button" className="button" onClick={() => cast('abstain')} data-testid="ballot-abstain">
            {t('meetings.voteAbstain')}
          </button>
        </fieldset>
      )}
      {refusal && (
        <p className="notice notice--error" role="alert">
          {refusal}
        </p>
      )}
      {vote.status === 'open' && canChair && (
        <button
          type="button"
          className="button button--primary"
          onClick={() => api.closeVote(detail.meeting.id, vote.id).catch(onError)}
          data-testid="close-vote"
        >
          {t('meetings.closeVote')}
        </button>
      )}
    </article>
  )
}

const REASONS = { double_vote: 1, no_proxy: 1, recused: 1, not_present: 1, not_seated: 1, vote_closed: 1 } as const
