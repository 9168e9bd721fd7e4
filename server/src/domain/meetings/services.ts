import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { createLoadWorkspaceContext } from '../../workspaceContext.ts'
import type { WorkspaceEventBus } from '../comments/events.ts'
import { DecisionActions } from './decisionActions.ts'
import type { GovernanceDeps } from './governanceDeps.ts'
import { MeetingService } from './service.ts'
import { VoteBook } from './votes.ts'

export interface MeetingServices {
  meetings: MeetingService
  votes: VoteBook
  actions: DecisionActions
}

export function createMeetingServices(db: Kysely<Database>, bus: WorkspaceEventBus, governance: GovernanceDeps): MeetingServices {
  const votes = new VoteBook(db, bus, governance.docs)
  const meetings = new MeetingService(db, bus, governance.docs, votes)
  const actions = new DecisionActions(db, bus, governance.docs, votes, meetings, createLoadWorkspaceContext(db))
  return { meetings, votes, actions }
}
