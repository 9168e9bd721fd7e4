import { LOCALES, type Locale } from '@ensemble/shared'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useSession } from '../features/auth/SessionContext.tsx'
import { currentLocale, isLocale } from '../i18n/index.ts'

/** Français / English; saved on this device and, once signed in, on the account. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const { setLocale } = useSession()
  const id = useId()
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('header.language')}</label>
      <select
        id={id}
        value={currentLocale()}
        data-testid="language-switch"
        onChange={(e) => {
          if (isLocale(e.target.value)) void setLocale(e.target.value as Locale)
        }}
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {t(`locales.${locale}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
