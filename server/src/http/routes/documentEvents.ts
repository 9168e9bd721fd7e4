import type { Context } from 'hono'
import type { WorkspaceEventBus } from '../../domain/comments/events.ts'
import type { AppEnv } from '../context.ts'

/**
 * Tells the workspace's live panels that a document's history or sign-off changed (`{ docName }`),
 * once a route's mutation has succeeded; the panels reload what they show.
 */
export const documentEvents = (bus: WorkspaceEventBus) => (c: Context<AppEnv>, type: 'history.changed' | 'signoff.changed', docName: string) =>
  bus.publish({ workspaceId: c.get('membership').workspaceId, type, data: { docName } })
