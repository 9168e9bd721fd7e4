import { describe, expect, it } from 'vitest'
import { keyBetween, keysAfter, orderKeySchema } from '../src/index.ts'

/** mulberry32: a tiny seeded PRNG, so a failure reproduces exactly. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const KEY = /^[0-9A-Za-z]{2,64}$/

function expectStrictlySorted(keys: readonly string[]): void {
  for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!, `${keys[i - 1]} < ${keys[i]} at ${i}`).toBe(true)
}

/** Inserts `count` keys at positions chosen by `pick`, checking each lands strictly between its neighbours. */
function insertMany(count: number, pick: (length: number) => number): string[] {
  const keys: string[] = []
  for (let n = 0; n < count; n++) {
    const i = pick(keys.length)
    const before = keys[i - 1] ?? null
    const after = keys[i] ?? null
    const key = keyBetween(before, after)
    expect(key).toMatch(KEY)
    if (before !== null) expect(before < key, `${before} < ${key}`).toBe(true)
    if (after !== null) expect(key < after, `${key} < ${after}`).toBe(true)
    keys.splice(i, 0, key)
  }
  return keys
}

describe('[ORDER1] keyBetween returns a key strictly between its neighbours', () => {
  it.each([
    [null, null],
    ['a0', null],
    [null, 'a0'],
    ['a0', 'a1'],
    ['a0', 'a0V'],
    ['Zz', 'a0'],
    ['a1', 'a2'],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzzz', null],
    [null, 'A00000000000000000000000001'],
  ])('[ORDER1] between %j and %j', (before, after) => {
    const key = keyBetween(before, after)
    expect(key).toMatch(KEY)
    if (before !== null) expect(before < key).toBe(true)
    if (after !== null) expect(key < after).toBe(true)
  })

  it.each([
    ['a1', 'a0'],
    ['a0', 'a0'],
  ])('[ORDER1] refuses %j ≥ %j', (before, after) => {
    expect(() => keyBetween(before, after)).toThrow()
  })
})

describe('[ORDER2] 1,000 random insert positions keep a strict order', () => {
  it.each([1, 7, 2026])('[ORDER2] seed %i', (seed) => {
    const random = prng(seed)
    const keys = insertMany(1000, (length) => Math.floor(random() * (length + 1)))
    expect(new Set(keys).size).toBe(1000)
    expectStrictlySorted(keys)
    expect([...keys].sort()).toEqual(keys)
  })

  it('[ORDER2] always at the front, always at the end, always in the middle of the same gap', () => {
    expectStrictlySorted(insertMany(300, () => 0))
    expectStrictlySorted(insertMany(300, (length) => length))
    expectStrictlySorted(insertMany(300, (length) => (length >= 2 ? 1 : length)))
  })
})

describe('[ORDER4] appending or prepending keeps keys within the schemas’ 64-character order limit', () => {
  it('[ORDER4] 1,000 appends', () => {
    const keys = insertMany(1000, (length) => length)
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(64)
  })
  it('[ORDER4] 1,000 prepends', () => {
    const keys = insertMany(1000, () => 0)
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(64)
  })
  it('[ORDER5] malformed keys are refused by the schema every ordered entity uses', () => {
    for (const bad of ['', 'a', 'i', 'a00', 'a0 ', 'x'.repeat(65)]) expect(orderKeySchema.safeParse(bad).success, bad).toBe(false)
    for (const good of keysAfter(null, 20)) expect(orderKeySchema.safeParse(good).success).toBe(true)
  })
})

describe('[ORDER3] keysAfter returns increasing, short keys', () => {
  it.each([1, 2, 35, 36, 37, 1000, 1296, 1297])('[ORDER3] %i keys from the start', (count) => {
    const keys = keysAfter(null, count)
    expect(keys).toHaveLength(count)
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(8)
    keys.forEach((k) => expect(k).toMatch(KEY))
    expectStrictlySorted(keys)
  })

  it('[ORDER3] keys after a start key all sort after it, and keyBetween fits between any two of them', () => {
    const start = keyBetween(null, null)
    const keys = keysAfter(start, 50)
    keys.forEach((k) => expect(start < k).toBe(true))
    expectStrictlySorted(keys)
    for (let i = 1; i < keys.length; i++) {
      const mid = keyBetween(keys[i - 1]!, keys[i]!)
      expect(keys[i - 1]! < mid && mid < keys[i]!).toBe(true)
    }
  })
})
