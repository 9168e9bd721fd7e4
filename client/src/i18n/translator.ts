import type { Locale } from '@ensemble/shared'
import i18next, { type TFunction } from 'i18next'
import { en } from './en.ts'
import { fr } from './fr.ts'

/**
 * A translator of its own for one language, with the interface's strings, outside React and the
 * page's language (test/unit/fr-server-errors.test.ts checks every server error in both languages).
 */
export function translatorFor(locale: Locale): TFunction {
  const instance = i18next.createInstance()
  void instance.init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: locale,
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
  })
  return instance.t
}
