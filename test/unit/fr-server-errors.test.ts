import { ERROR_CODES, ERROR_REASONS } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../client/src/api/ApiError.ts'
import { apiErrorMessage } from '../../client/src/components/validation.ts'
import { en, fr } from '../../client/src/features/server-errors/strings.ts'
import { translatorFor } from '../../client/src/i18n/translator.ts'

const french = translatorFor('fr')
const english = translatorFor('en')
/** What the server writes in `message` (English, naming the raw field): never shown in French. */
const SERVER_MESSAGE = 'endsAt: the meeting ends after it starts.'

describe('[FR1] every server error in the interface’s words', () => {
  it.each(ERROR_CODES.map((code) => [code]))(
    '[FR1] code %s has a French and an English sentence, and the French interface shows it instead of the server’s message',
    (code) => {
      expect(fr.serverErrors.codes[code]).toMatch(/\S/)
      expect(en.serverErrors.codes[code]).toMatch(/\S/)
      expect(fr.serverErrors.codes[code]).not.toBe(en.serverErrors.codes[code])
      const shown = apiErrorMessage(new ApiError(code === 'internal_error' ? 500 : 400, code, SERVER_MESSAGE), french)
      expect(shown).not.toContain('endsAt')
      expect(shown).not.toContain('meeting')
      expect(shown).not.toBe(`serverErrors.codes.${code}`)
    },
  )

  it.each(ERROR_REASONS.map((reason) => [reason]))('[FR1] reason %s has a French and an English sentence, shown for it in each language', (reason) => {
    expect(fr.serverErrors.reasons[reason]).toMatch(/\S/)
    expect(en.serverErrors.reasons[reason]).toMatch(/\S/)
    expect(fr.serverErrors.reasons[reason]).not.toBe(en.serverErrors.reasons[reason])
    const error = new ApiError(409, 'conflict', SERVER_MESSAGE, undefined, reason)
    expect(apiErrorMessage(error, french)).toBe(fr.serverErrors.reasons[reason])
    expect(apiErrorMessage(error, english)).toBe(en.serverErrors.reasons[reason])
  })

  it('[FR1] a refused field is named as the interface calls it, never by its raw name; every named field has both languages', () => {
    expect(Object.keys(en.serverErrors.fields).sort()).toEqual(Object.keys(fr.serverErrors.fields).sort())
    expect(apiErrorMessage(new ApiError(422, 'validation_failed', SERVER_MESSAGE, 'endsAt'), french)).toBe('Valeur refusée : la fin de la réunion.')
    expect(apiErrorMessage(new ApiError(422, 'validation_failed', 'videoUrl: Invalid URL', 'videoUrl'), french)).toBe(
      'Valeur refusée : le lien de visioconférence.',
    )
    expect(apiErrorMessage(new ApiError(422, 'validation_failed', 'videoUrl: Invalid URL', 'videoUrl'), english)).toBe('Value refused: the video call link.')
    // A field the interface does not name yet: the code's sentence, still without the raw name.
    expect(apiErrorMessage(new ApiError(422, 'validation_failed', 'colorHex: bad', 'colorHex'), french)).toBe(fr.serverErrors.codes.validation_failed)
  })

  it('[FR1] sign-in and sign-up errors read better-auth’s reason as well as the code; an unknown code is not shown raw', () => {
    expect(apiErrorMessage(new ApiError(401, 'unauthenticated', 'Invalid email or password', undefined, 'INVALID_EMAIL_OR_PASSWORD'), french)).toBe(
      'Adresse e-mail ou mot de passe incorrect.',
    )
    expect(
      apiErrorMessage(
        new ApiError(422, 'validation_failed', 'User already exists. Use another email.', undefined, 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL'),
        french,
      ),
    ).toBe('Un compte existe déjà avec cette adresse.')
    expect(apiErrorMessage(new ApiError(422, 'validation_failed', 'Password too long', 'password', 'PASSWORD_TOO_LONG'), french)).toBe(
      'Valeur refusée : le mot de passe.',
    )
    expect(apiErrorMessage(new ApiError(418, 'http_418', 'I am a teapot'), french)).toBe(fr.serverErrors.codes.internal_error)
  })
})
