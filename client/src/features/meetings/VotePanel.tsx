import { DECISION_TYPES, type DecisionType, type MeetingDetail, type VoteView } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { CollegeExplanation } from './CollegeExplanation.tsx'
import { LabelledSelect } from './LabelledSelect.tsx'
import type { MeetingsApi } from './meetingsApi.ts'

interface Props {
  detail: MeetingDetail
  api: MeetingsApi
  canChair: boolean
  me: string
  onError(error: unknown): void
}

const round = (n: number) => Math.round(n * 100) / 100

/** Open a vote, cast ballots (for oneself or a proxy), watch the tally and the result live. */
export function VotePanel({ detail, api, canChair, me, onError }: Props) {
  const { t } = useTranslation()
  const [question, setQuestion] = useState('')
  const [decisionType, setDecisionType] = useState<DecisionType>('ordinary')
  const [secret, setSecret] = useState(false)
  const [agendaItemId, setAgendaItemId] = useState('')
  const open = (e: FormEvent) => {
    e.preventDefault()
    if (!question.trim()) return
    api
      .openVote(detail.meeting.id, { question: question.trim(), decisionType, secret, agendaItemId: agendaItemId || null })
      .then(() => setQuestion(''), onError)
  }
  return (
    <section aria-labelledby="votes-title" className="meeting-panel">
      <h2 id="votes-title">{t('meetings.votes')}</h2>
      {detail.votes.map((vote) => (
        <VoteCard key={vote.id} vote={vote} detail={detail} api={api} canChair={canChair} me={me} onError={onError} />
      ))}
      {canChair && (
        <form onSubmit={open} className="vote-form">
          <label>
            {t('meetings.question')}
            <input value={question} onChange={(e) => setQuestion(e.target.value)} required maxLength={200} data-testid="vote-question" />
          </label>
          <LabelledSelect
            label={t('meetings.decisionType')}
            value={decisionType}
            onChange={(v) => setDecisionType(v as DecisionType)}
            options={DECISION_TYPES.map((d) => ({ value: d, label: t(`meetings.decisionTypes.${d}`) }))}
          />
          {detail.agenda.length > 0 && (
            <LabelledSelect
              label={t('meetings.agendaItem')}
              value={agendaItemId}
              onChange={setAgendaItemId}
              empty={t('meetings.noAgendaItem')}
              options={detail.agenda.map((i) => ({ value: i.id, label: i.title }))}
            />
          )}
          <label>
            <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} /> {t('meetings.secret')}
          </label>
          <button type="submit" className="button button--primary" data-testid="open-vote">
            {t('meetings.openVote')}
          </button>
        </form>
      )}
    </section>
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
