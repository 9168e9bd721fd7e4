import 'i18next'
import type { fr } from './fr.ts'

// Typed keys: `t('plan.columns.deadline')` is checked at compile time against fr.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof fr }
  }
}
