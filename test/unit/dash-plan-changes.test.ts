import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PlanChanges, WorkspaceEventBus } from '@ensemble/server/domain'

/** DASH8: live plan edits become plan.changed events, at most one a second per workspace, the last edit always told. */
describe('DASH8 plan.changed throttle', () => {
  let bus: WorkspaceEventBus
  let told: string[]
  let changes: PlanChanges
  const edit = (workspaceId: string, docName = 'plan') =>
    changes.onEditAccepted({ workspaceId, docName, authorId: 'u', doc: null as never, changes: { types: [] } as never })

  beforeEach(() => {
    vi.useFakeTimers()
    bus = new WorkspaceEventBus()
    told = []
    bus.subscribeAll((e) => told.push(`${e.workspaceId}:${e.type}:${JSON.stringify(e.data)}`))
    changes = new PlanChanges(bus, 1000, () => Date.now())
  })
  afterEach(() => {
    changes.close()
    vi.useRealTimers()
  })

  const CASES: [label: string, steps: (['edit', string] | ['edit', string, string] | ['wait', number])[], expected: string[]][] = [
    ['DASH8 the first edit is told at once', [['edit', 'w1']], ['w1']],
    ['DASH8 edits of other documents are not told', [['edit', 'w1', 'vision']], []],
    [
      'DASH8 a burst within the second: once at once, once at its end',
      [
        ['edit', 'w1'],
        ['edit', 'w1'],
        ['wait', 300],
        ['edit', 'w1'],
        ['wait', 700],
      ],
      ['w1', 'w1'],
    ],
    [
      'DASH8 nothing more once the burst is told',
      [
        ['edit', 'w1'],
        ['edit', 'w1'],
        ['wait', 5000],
      ],
      ['w1', 'w1'],
    ],
    [
      'DASH8 edits a second apart are each told at once',
      [
        ['edit', 'w1'],
        ['wait', 1000],
        ['edit', 'w1'],
        ['wait', 1000],
        ['edit', 'w1'],
      ],
      ['w1', 'w1', 'w1'],
    ],
    [
      'DASH8 each workspace on its own',
      [
        ['edit', 'w1'],
        ['edit', 'w2'],
        ['edit', 'w1'],
        ['wait', 1000],
      ],
      ['w1', 'w2', 'w1'],
    ],
  ]

  it.each(CASES)('%s', (_label, steps, expected) => {
    for (const step of steps) {
      if (step[0] === 'wait') vi.advanceTimersByTime(step[1])
      else edit(step[1], step[2])
    }
    expect(told).toEqual(expected.map((w) => `${w}:plan.changed:{"docName":"plan"}`))
  })
})
