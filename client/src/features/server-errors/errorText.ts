import i18next from 'i18next'
import { apiErrorMessage } from '../../components/validation.ts'

/** A failure as a sentence in the page's language, for code outside React components (never the server's English). */
export const errorText = (error: unknown): string => apiErrorMessage(error, i18next.t.bind(i18next))
