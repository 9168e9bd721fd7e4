import { describe, expect, it } from 'vitest'
import { DocumentSize } from '../src/collab/documentSize.ts'

/** A document whose exact size the test sets, and a clock it moves by hand. */
function sized(limit: number, loaded: number, exact: number) {
  const state = { exact, now: 0, measures: 0 }
  const size = new DocumentSize(
    limit,
    loaded,
    () => {
      state.measures++
      state.now += 5 // a measure takes 5 ms
      return state.exact
    },
    () => state.now,
  )
  return { size, state }
}

describe('HOST4: a document under its size limit, measured only when needed', () => {
  it('[HOST4] admits edits while the upper bound stays under the limit, without measuring', () => {
    const { size, state } = sized(1000, 600, 600)
    expect(size.admits(300)).toBe(true)
    size.accepted(300)
    expect(state.measures).toBe(0)
  })

  it('[HOST4] measures when the bound says no: the loaded log overstated the state, so the edit passes', () => {
    const { size, state } = sized(1000, 990, 400)
    state.exact = 450 // the state with the edit applied
    expect(size.admits(50)).toBe(true)
    size.accepted(50)
    expect(state.measures).toBe(1)
    // The bound is now exact: 450 + 50 more is still under the limit without a new measure.
    expect(size.admits(50)).toBe(true)
    expect(state.measures).toBe(1)
  })

  it('[HOST4] refuses once the exact size is over, and does not measure again until something was stored and enough time passed', () => {
    const { size, state } = sized(1000, 980, 1010)
    expect(size.admits(30)).toBe(false)
    expect(size.admits(30)).toBe(false)
    expect(state.measures).toBe(1)
    size.accepted(10) // a deletion (its bytes only raise the bound)
    state.exact = 900
    expect(size.admits(30)).toBe(false) // within 1 s of the last measure
    state.now += 1000
    expect(size.admits(30)).toBe(true)
    expect(state.measures).toBe(2)
  })

  it('[HOST4] spaces measures by 50 times what one takes on a large document (100 ms → 5 s)', () => {
    let now = 0
    let measures = 0
    const size = new DocumentSize(
      1000,
      2000,
      () => {
        measures++
        now += 100
        return 2000
      },
      () => now,
    )
    expect(size.admits(1)).toBe(false)
    size.accepted(1)
    now += 4000
    expect(size.admits(1)).toBe(false)
    expect(measures).toBe(1)
    now += 1000
    expect(size.admits(1)).toBe(false)
    expect(measures).toBe(2)
  })
})
