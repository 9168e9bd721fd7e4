import { LOCALES, type Locale } from '@ensemble/shared'
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en.ts'
import { fr } from './fr.ts'

const STORAGE_KEY = 'ensemble.locale'

export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value)

/** The language chosen on this device, French when none was chosen. */
export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isLocale(value) ? value : 'fr'
  } catch {
    return 'fr'
  }
}

/** Switches the interface language, remembers it on this device and keeps `<html lang>` in step. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private browsing may refuse storage; the choice still holds for this visit.
  }
  document.documentElement.lang = locale
  if (i18n.language !== locale) await i18n.changeLanguage(locale)
}

export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'fr')

export function initI18n(): typeof i18n {
  const lng = storedLocale()
  document.documentElement.lang = lng
  void i18n.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng,
    fallbackLng: 'fr',
    // React already escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    // No console advertisement in the users' browsers.
    showSupportNotice: false,
  })
  return i18n
}
