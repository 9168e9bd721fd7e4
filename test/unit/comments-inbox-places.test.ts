import { minutesDocName } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { threadUrl } from '../../client/src/features/comments/inboxPlaces.ts'

describe('inbox links (pure part of the inbox page)', () => {
  it('[COMM16] a thread on the minutes opens its meeting in meeting mode, focused on the thread', () => {
    const meetingId = 'm_0123456789abcdef'
    const url = new URL(threadUrl('ws1', minutesDocName(meetingId), 'th1'), 'http://x')
    expect(url.pathname).toBe('/alliances/ws1/reunions')
    expect(Object.fromEntries(url.searchParams)).toEqual({ reunion: meetingId, fil: 'th1' })
  })

  it('[COMM13] other threads keep their page: a clause on its document, an action change on the plan without a thread', () => {
    expect(threadUrl('ws1', 'agreement', 'th2')).toBe('/alliances/ws1/accord?fil=th2')
    expect(threadUrl('ws1', 'plan', null)).toBe('/alliances/ws1/plan')
  })
})
