import { describe, expect, it } from 'vitest'
import { isoDateSchema, isOrderKey, keyBetween, keysAfter } from '../src/index.ts'
import { isIsoDate, isOrder } from '../src/rules/values.ts'

/** The fast checks the rules run on every edit give the same answers as the shared schemas. */
describe('fast value checks', () => {
  it('[VAL8] isIsoDate agrees with isoDateSchema on every day of 1999–2101 and on malformed input', () => {
    const samples: string[] = []
    for (let year = 1999; year <= 2101; year++) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) samples.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
      }
    }
    samples.push('0000-02-29', '0400-02-29', '1900-02-29', '2000-02-29', '9999-12-31', '2026-1-01', ' 2026-01-01', '2026-01-01T00:00', '２０２６-01-01', '')
    for (const value of samples) expect(isIsoDate(value), value).toBe(isoDateSchema.safeParse(value).success)
    for (const value of [null, undefined, 20260101, {}, ['2026-01-01']]) expect(isIsoDate(value)).toBe(false)
  })

  it('[VAL1] isOrder agrees with isOrderKey on generated keys and on random strings', () => {
    const keys = [...keysAfter(null, 500), ...keysAfter('a0', 50)]
    for (let i = 0; i < 200; i++) keys.push(keyBetween(keys[i]!, keys[i + 1]!))
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_ é'
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    for (let i = 0; i < 20000; i++) {
      const length = 1 + Math.floor(random() * 6)
      keys.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''))
    }
    keys.push('', `A${'0'.repeat(26)}`, `A${'0'.repeat(26)}1`, 'z'.repeat(27), 'a0'.padEnd(65, '1'), 'a00', 'a10', 'Zz', 'a')
    for (const key of keys) expect(isOrder(key), key).toBe(key.length <= 64 && isOrderKey(key))
  })
})
