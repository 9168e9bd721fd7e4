import type * as Y from 'yjs'
import { actionsOf, readAction, sortedActionIds } from '../layouts/planLayout.ts'
import type { AgendaSuggestion } from './meetings.ts'

/**
 * What "suggest agenda" proposes from the plan document: blocked actions, then open actions past
 * their deadline, in plan order, minus those already on the agenda.
 */
export function agendaSuggestions(plan: Y.Doc, today: string, onAgenda: ReadonlySet<string> = new Set()): AgendaSuggestion[] {
  const actions = actionsOf(plan)
  const blocked: AgendaSuggestion[] = []
  const overdue: AgendaSuggestion[] = []
  for (const id of sortedActionIds(plan)) {
    if (onAgenda.has(id)) continue
    const action = readAction(actions.get(id)!)
    if (action.status === 'blocked') blocked.push({ actionId: id, docName: null, title: action.title, reason: 'blocked', deadline: action.deadline })
    else if (action.deadline !== null && action.deadline < today && action.status !== 'done' && action.status !== 'cancelled') {
      overdue.push({ actionId: id, docName: null, title: action.title, reason: 'overdue', deadline: action.deadline })
    }
  }
  return [...blocked, ...overdue]
}
