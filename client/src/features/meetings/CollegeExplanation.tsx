import { type CollegeTally, explainColleges } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'

/**
 * EDGE1: how a weighted result came about, one line per college (« Collège des financeurs : 2 pour
 * × 2 = 4 »). A secret vote publishes no college tally, so it shows nothing here.
 */
export function CollegeExplanation({ colleges, testId }: { colleges: readonly CollegeTally[]; testId: string }) {
  const { t, i18n } = useTranslation()
  if (colleges.length === 0) return null
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 })
  return (
    <ul className="vote__explanation" aria-label={t('meetings.explanation')} data-testid={testId}>
      {explainColleges(colleges).map((c) => {
        const perBallot = number.format(c.perBallot)
        const lines = c.choices.length
          ? c.choices
              .map((l) =>
                t('meetings.choiceLine', { count: l.count, choice: t(`meetings.choices.${l.choice}`), perBallot, weighted: number.format(l.weighted) }),
              )
              .join(', ')
          : t('meetings.noBallot', { perBallot })
        return <li key={c.collegeId}>{t('meetings.collegeLine', { college: c.name || t('meetings.allSeats'), lines })}</li>
      })}
    </ul>
  )
}
