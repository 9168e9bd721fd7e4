import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { createLoadWorkspaceContext } from '../../workspaceContext.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import { AgendaSuggester } from './agendaSuggestions.ts'
import { DecisionActions } from './decisionActions.ts'
import { MinutesBook } from './minutes.ts'
import type { GovernanceDeps } from './governanceDeps.ts'
import { MeetingService } from './service.ts'
import { VoteBook } from './votes.ts'

export interface MeetingServices {
  meetings: MeetingService
  votes: VoteBook
  actions: DecisionActions
  agenda: AgendaSuggester
  minutes: MinutesBook
}

export function createMeetingServices(db: Kysely<Database>, bus: WorkspaceEventBus, governance: GovernanceDeps): MeetingServices {
  const votes = new VoteBook(db, bus, governance.docs)
  const meetings = new MeetingService(db, bus, governance.docs, votes)
  const actions = new DecisionActions(db, bus, governance.docs, votes, createLoadWorkspaceContext(db))
  const agenda = new AgendaSuggester(db, governance.docs, meetings)
  const minutes = new MinutesBook(db, meetings, governance)
  return { meetings, votes, actions, agenda, minutes }
}
