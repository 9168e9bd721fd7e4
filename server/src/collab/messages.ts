import type { Locale } from '@ensemble/shared'

/** A human message in every language the UI speaks; the member's locale picks one when sending. */
export type LocalizedMessage = Readonly<Record<Locale, string>>

export const MESSAGES = {
  editForbidden: {
    fr: 'Votre rôle ne vous permet pas de modifier ce document : votre modification a été annulée.',
    en: 'Your role does not allow you to edit this document: your change was undone.',
  },
} as const satisfies Record<string, LocalizedMessage>

export const localize = (message: LocalizedMessage, locale: Locale): string => message[locale] ?? message.fr
