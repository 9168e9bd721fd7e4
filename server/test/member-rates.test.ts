import { LIMITS } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { MemberRates, type MemberRateSpecs } from '../src/http/memberRates.ts'

/** LIM6 of docs/SPEC.md: the per-member buckets keep memory bounded whoever sends requests. */
describe('member buckets in memory', () => {
  const specs: MemberRateSpecs = LIMITS.memberRate
  /** The time a bucket of `kind` takes to refill from empty, in ms. */
  const refillMs = (kind: keyof MemberRateSpecs) => (specs[kind].burst / specs[kind].perSecond) * 1000

  it('[LIM6] a bucket unused for as long as it takes to refill is dropped: 10,000 members leave nothing behind once their windows have passed', () => {
    let now = 0
    const rates = new MemberRates(specs, () => now)
    for (let i = 0; i < 10_000; i++) expect(rates.take('writes', `member-${i}`)).toBeNull()
    expect(rates.size).toBe(10_000)
    now += refillMs('writes') / 2
    rates.take('writes', 'member-0')
    // Not idle long enough yet: only the member just seen moved to the end.
    expect(rates.size).toBe(10_000)
    now += refillMs('writes')
    rates.take('writes', 'latecomer')
    expect(rates.size).toBe(1)
  })

  it('[LIM6] a dropped bucket was full: the member gets no fewer tokens than if it had been kept', () => {
    let now = 0
    const rates = new MemberRates(specs, () => now)
    for (let i = 0; i < specs.threads.burst; i++) expect(rates.take('threads', 'mallory')).toBeNull()
    const wait = rates.take('threads', 'mallory')
    expect(wait).toBe(Math.ceil(1 / specs.threads.perSecond))
    now += wait! * 1000
    expect(rates.take('threads', 'mallory')).toBeNull()
    expect(rates.take('threads', 'mallory')).not.toBeNull()
    now += refillMs('threads')
    rates.take('threads', 'someone else')
    for (let i = 0; i < specs.threads.burst; i++) expect(rates.take('threads', 'mallory')).toBeNull()
    expect(rates.take('threads', 'mallory')).not.toBeNull()
  })

  it('[LIM6] at most maxPerKind buckets per kind, whatever the number of members within one window; the least recently used goes first', () => {
    let now = 0
    const rates = new MemberRates(specs, () => now, 100)
    for (let i = 0; i < 5_000; i++) {
      rates.take('tickets', `member-${i}`)
      now += 1
    }
    expect(rates.size).toBe(100)
    for (let i = 0; i < 5; i++) rates.take('eventStreams', `member-${i}`)
    expect(rates.size).toBe(105)
  })
})
