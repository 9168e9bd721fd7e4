import { describe, expect, it } from 'vitest'
import { type ReportContext, reportData } from '../src/domain/reports/data.ts'
import { reviewDocument } from '../src/domain/reports/review/model.ts'

/**
 * EXP5: which actions the annual review of 2026 lists as done, in progress or late, each scenario
 * written out with its expected place; « late » is judged on the day of the report for the year
 * under way, on 1 January of the next year for a year past.
 */
const context = (today: string): ReportContext => ({
  workspaceName: 'Alliance',
  partners: [],
  people: [],
  decisions: [],
  today,
  participation: { partnerOf: [], attendance: [], ballots: [] },
})

type Place = 'done' | 'ongoing' | 'late' | 'absent'
const CASES: [label: string, action: { status: string; start: string | null; deadline: string | null }, today: string, place: Place][] = [
  ['done within the year', { status: 'done', start: '2026-02-01', deadline: '2026-05-01' }, '2026-12-08', 'done'],
  ['done, started the year before, due in the year', { status: 'done', start: '2025-10-01', deadline: '2026-01-15' }, '2026-12-08', 'done'],
  ['in progress, due next year', { status: 'in_progress', start: '2026-03-01', deadline: '2027-06-30' }, '2026-12-08', 'ongoing'],
  ['in progress, due before today', { status: 'in_progress', start: '2026-03-01', deadline: '2026-11-30' }, '2026-12-08', 'late'],
  ['in progress, due today: not late yet', { status: 'in_progress', start: '2026-03-01', deadline: '2026-12-08' }, '2026-12-08', 'ongoing'],
  ['blocked, due before today', { status: 'blocked', start: null, deadline: '2026-06-30' }, '2026-12-08', 'late'],
  ['planned, due on 31 December, the year past', { status: 'planned', start: '2026-03-01', deadline: '2026-12-31' }, '2027-02-01', 'late'],
  ['planned, due on 31 December, the year under way', { status: 'planned', start: '2026-03-01', deadline: '2026-12-31' }, '2026-12-08', 'ongoing'],
  ['spanning the whole year', { status: 'in_progress', start: '2025-01-01', deadline: '2027-12-31' }, '2026-12-08', 'ongoing'],
  ['cancelled', { status: 'cancelled', start: '2026-03-01', deadline: '2026-05-01' }, '2026-12-08', 'absent'],
  ['ended the year before', { status: 'done', start: '2025-03-01', deadline: '2025-12-31' }, '2026-12-08', 'absent'],
  ['starts the year after', { status: 'planned', start: '2027-01-01', deadline: '2027-03-01' }, '2026-12-08', 'absent'],
  ['without any date', { status: 'in_progress', start: null, deadline: null }, '2026-12-08', 'absent'],
]

const TITLES: Record<Exclude<Place, 'absent'>, string> = { done: 'Réalisées', ongoing: 'En cours', late: 'En retard' }

/** The part of the actions section an action is listed under, or absent. */
function placeOf(action: (typeof CASES)[number][1], today: string): Place {
  const plan = { actions: { a1: { title: 'L’action', order: 'a0', progress: 0, ...action } } }
  const section = reviewDocument(reportData(plan, context(today)), 2026).sections.find((s) => s.heading === '3. Actions')!
  let part: Place = 'absent'
  for (const block of section.blocks) {
    if (block.kind === 'paragraph') {
      const found = Object.entries(TITLES).find(([, title]) => block.text.startsWith(`${title} (`))
      if (found) part = found[0] as Place
    } else if (block.rows.some((row) => row[0] === 'L’action')) return part
  }
  return 'absent'
}

describe('EXP5 the actions of the annual review', () => {
  it.each(CASES)('EXP5 %s', (_label, action, today, place) => {
    expect(placeOf(action, today)).toBe(place)
  })
})
