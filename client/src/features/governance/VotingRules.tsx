import {
  bodiesOf,
  type BodyVoting,
  bodyEntity,
  DECISION_TYPES,
  DEFAULT_VOTING,
  type GovernanceBody,
  type Locale,
  localizeViolation,
  validateVoting,
  VOTE_RULES,
  WEIGHTINGS,
} from '@ensemble/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { useFieldServerError } from '../collab/useFieldServerError.ts'

/**
 * How a body votes (GOV1–GOV3): weighting, proxies per member, quorum as a share of the seats and a
 * rule per type of decision. Written as one value, after the shared rules accept it. Colleges have
 * their own editor (CollegesEditor), which changes them with the seats.
 */
export function VotingRules({ id, body, doc, canEdit }: { id: string; body: GovernanceBody; doc: Y.Doc; canEdit: boolean }) {
  const { t, i18n } = useTranslation()
  const entity = bodyEntity(id)
  const voting = body.voting ?? DEFAULT_VOTING
  const serverError = useFieldServerError(entity, 'voting')
  const [error, setError] = useState<string | null>(null)
  const write = (next: BodyVoting) => {
    const violation = validateVoting(next, body, entity)[0]
    if (violation) return setError(t('meetings.voting.refused', { message: localizeViolation(violation, i18n.language as Locale) }))
    setError(null)
    doc.transact(() => bodiesOf(doc).get(id)?.set('voting', next))
  }
  const share = voting.quorum?.kind === 'share' ? Math.round(voting.quorum.share * 100) : ''
  return (
    <fieldset className="voting-rules" data-testid="voting-rules">
      <legend>{t('meetings.voting.title')}</legend>
      <label>
        {t('meetings.voting.weighting')}{' '}
        <select value={voting.weighting} disabled={!canEdit} onChange={(e) => write({ ...voting, weighting: e.target.value as BodyVoting['weighting'] })}>
          {WEIGHTINGS.map((w) => (
            <option key={w} value={w}>
              {t(`meetings.voting.weightings.${w}`)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('meetings.voting.maxProxies')}{' '}
        <input
          type="number"
          min={0}
          max={20}
          value={voting.maxProxies}
          disabled={!canEdit}
          onChange={(e) => e.target.value !== '' && write({ ...voting, maxProxies: Number(e.target.value) })}
        />
      </label>{' '}
      <label>
        {t('meetings.voting.quorumShare')}{' '}
        <input
          type="number"
          min={1}
          max={100}
          value={share}
          disabled={!canEdit}
          onChange={(e) => write({ ...voting, quorum: e.target.value === '' ? null : { kind: 'share', share: Number(e.target.value) / 100 } })}
        />
      </label>
      <div className="voting-rules__types">
        {DECISION_TYPES.map((type) => (
          <label key={type}>
            {t(`meetings.decisionTypes.${type}`)}{' '}
            <select
              value={voting.rules[type] ?? ''}
              disabled={!canEdit}
              onChange={(e) => {
                const rules = { ...voting.rules }
                if (e.target.value) rules[type] = e.target.value as (typeof VOTE_RULES)[number]
                else delete rules[type]
                write({ ...voting, rules })
              }}
            >
              <option value="">{t('meetings.voting.bodyRule')}</option>
              {VOTE_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`decisionRules.${r}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {(error ?? serverError.error?.message) && (
        <p className="cell__error" role="alert">
          {error ?? serverError.error?.message}
        </p>
      )}
    </fieldset>
  )
}
