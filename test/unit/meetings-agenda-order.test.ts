import { keyBetween } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { keyForMove } from '../../client/src/features/meetings/agendaOrder.ts'

describe('[GOV23] moving an agenda item', () => {
  const keys = [keyBetween(null, null)]
  for (let i = 1; i < 5; i++) keys.push(keyBetween(keys[i - 1]!, null))
  const move = (from: number, to: number) => {
    const key = keyForMove(keys, from, to)!
    return keys
      .map((k, i) => (i === from ? key : k))
      .map((k, i) => [k, i] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([, i]) => i)
  }

  it('[GOV23] lands exactly at the target position, up or down, to the ends too', () => {
    expect(move(0, 1)).toEqual([1, 0, 2, 3, 4])
    expect(move(3, 2)).toEqual([0, 1, 3, 2, 4])
    expect(move(4, 0)).toEqual([4, 0, 1, 2, 3])
    expect(move(0, 4)).toEqual([1, 2, 3, 4, 0])
    expect(move(1, 3)).toEqual([0, 2, 3, 1, 4])
  })

  it('[GOV23] no key when the item does not move or a position is out of the list', () => {
    expect(keyForMove(keys, 2, 2)).toBeNull()
    expect(keyForMove(keys, -1, 2)).toBeNull()
    expect(keyForMove(keys, 1, 5)).toBeNull()
  })
})
