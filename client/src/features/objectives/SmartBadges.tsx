import { type Locale, SMART_LETTERS, SMART_REQUIREMENTS, type SmartLetter } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'

/**
 * The five SMART letters of an operational objective, the missing ones marked; each letter is read
 * out with what it asks for, and the summary (what is missing) is a polite live region, so a
 * screen reader hears a letter appear or go as the objective is co-edited.
 */
export function SmartBadges({ missing, testId }: { missing: readonly SmartLetter[]; testId?: string }) {
  const { t, i18n } = useTranslation()
  const locale = (i18n.language === 'en' ? 'en' : 'fr') as Locale
  return (
    <div className="smart" data-testid={testId}>
      <ul className="smart__letters" aria-label={t('objectives.smart')}>
        {SMART_LETTERS.map((letter) => {
          const absent = missing.includes(letter)
          const requirement = SMART_REQUIREMENTS[letter][locale]
          return (
            <li
              key={letter}
              className={`smart__letter${absent ? ' smart__letter--missing' : ''}`}
              data-letter={letter}
              data-missing={absent || undefined}
              title={requirement}
            >
              <span aria-hidden="true">{letter}</span>
              <span className="visually-hidden">{t(absent ? 'objectives.smartLetterMissing' : 'objectives.smartLetterPresent', { letter, requirement })}</span>
            </li>
          )
        })}
      </ul>
      <p className="smart__summary" role="status">
        {missing.length === 0 ? t('objectives.smartComplete') : t('objectives.smartMissing', { letters: missing.join(', ') })}
      </p>
    </div>
  )
}
