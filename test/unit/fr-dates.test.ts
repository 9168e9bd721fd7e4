import { formatDay, formatMoment, formatTime } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../client/src/features/comments/formatDateTime.ts'

describe('[FR3] dates and times as each language writes them', () => {
  it.each([
    ['fr', '2028-12-15', '15/12/2028'],
    ['en', '2028-12-15', '15/12/2028'],
    ['fr', '2029-01-05T23:30:00Z', '05/01/2029'],
  ] as const)('[FR3] the day %s %s is %s, without time-zone drift', (locale, iso, expected) => {
    expect(formatDay(iso, locale)).toBe(expected)
  })

  it.each([
    ['fr', '2028-12-15T13:51:42Z', '15/12/2028 à 14 h 51'],
    ['en', '2028-12-15T13:51:42Z', '15/12/2028, 14:51'],
    ['fr', '2028-07-01T07:05:09Z', '01/07/2028 à 9 h 05'],
    ['en', '2028-07-01T07:05:09Z', '01/07/2028, 09:05'],
  ] as const)('[FR3] the moment %s %s is %s in Paris: to the minute, never seconds', (locale, iso, expected) => {
    expect(formatMoment(iso, locale, 'Europe/Paris')).toBe(expected)
  })

  it('[FR3] midnight and noon in French; an unreadable value is left as it is', () => {
    expect(formatTime(new Date('2028-12-15T00:00:00Z'), 'fr', 'UTC')).toBe('0 h 00')
    expect(formatTime(new Date('2028-12-15T12:00:00Z'), 'fr', 'UTC')).toBe('12 h 00')
    expect(formatMoment('pas une date', 'fr')).toBe('pas une date')
    expect(formatDay('pas une date', 'fr')).toBe('pas une date')
  })

  it('[FR3] the interface’s moments (comments, inbox, agendas, decision register, history) use it', () => {
    expect(formatDateTime('2028-12-15T13:51:42Z')).toMatch(/^15\/12\/2028 à \d{1,2} h \d{2}$/)
  })
})
