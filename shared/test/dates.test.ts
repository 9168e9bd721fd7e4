import { describe, expect, it } from 'vitest'
import { addDays, isoDateSchema, todayIso } from '../src/index.ts'

describe('[DATE1] isoDateSchema accepts only calendar dates that exist, as YYYY-MM-DD', () => {
  it.each(['2024-02-29', '2028-02-29', '2000-02-29', '2026-01-01', '2026-12-31', '1999-04-30'])('[DATE1] accepts %s', (d) => {
    expect(isoDateSchema.safeParse(d).success).toBe(true)
  })

  it.each([
    '2025-02-29', // not a leap year
    '1900-02-29', // divisible by 100, not by 400
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-05',
    '26-01-05',
    '2026/01/05',
    '05/01/2026',
    '2026-01-05T00:00:00Z',
    ' 2026-01-05',
    '',
  ])('[DATE1] rejects %j', (d) => {
    expect(isoDateSchema.safeParse(d).success).toBe(false)
  })

  it('[DATE1] rejects non-strings', () => {
    expect(isoDateSchema.safeParse(20260105).success).toBe(false)
    expect(isoDateSchema.safeParse(null).success).toBe(false)
  })

  it('[DATE2] addDays and todayIso work in UTC across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(todayIso(new Date('2026-11-03T23:59:59.999Z'))).toBe('2026-11-03')
  })
})
