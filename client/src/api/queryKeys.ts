/**
 * Every query key of the client, in one place. Keys are nested so that a prefix names a family:
 * `workspace(ws)` is everything read inside one alliance (reloaded when its event stream comes
 * back), `history(ws, doc)` one document's sessions, versions and actions' changes, and so on.
 * `liveQueries.ts` maps each workspace event onto these prefixes.
 */
export const queryKeys = {
  me: () => ['me'] as const,
  workspaces: () => ['workspaces'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  passwordReset: (token: string) => ['password-reset', token] as const,
  outbox: () => ['dev-outbox'] as const,

  workspace: (ws: string) => ['workspace', ws] as const,
  /** The member's dashboard (DASH): read again on plan.changed, inbox.changed, signoff.changed and meeting events. */
  dashboard: (ws: string) => ['workspace', ws, 'dashboard'] as const,
  inbox: (ws: string) => ['workspace', ws, 'inbox'] as const,
  inboxItems: (ws: string) => [...queryKeys.inbox(ws), 'items'] as const,
  unreadCount: (ws: string) => [...queryKeys.inbox(ws), 'unread'] as const,

  history: (ws: string, docName: string) => ['workspace', ws, 'history', docName] as const,
  sessions: (ws: string, docName: string) => [...queryKeys.history(ws, docName), 'sessions'] as const,
  versions: (ws: string, docName: string) => [...queryKeys.history(ws, docName), 'versions'] as const,
  actionHistory: (ws: string, actionId: string) => [...queryKeys.history(ws, 'plan'), 'action', actionId] as const,
  signoff: (ws: string, docName: string) => ['workspace', ws, 'signoff', docName] as const,
  /** Under `signoff`: reloaded with the rounds when anyone answers. */
  signoffArticles: (ws: string, docName: string, roundId: string) => [...queryKeys.signoff(ws, docName), 'articles', roundId] as const,

  /**
   * What a version dialog reads: a named version does not change, and a comparison is read once per
   * choice of the dialog (as before), so neither is under `workspace(ws)` and reloaded live.
   */
  versionDocument: (ws: string, docName: string, versionId: string) => ['version', ws, docName, versionId] as const,
  diff: (ws: string, docName: string, from: string, to: string) => ['version', ws, docName, from, 'diff', to] as const,

  meetings: (ws: string) => ['workspace', ws, 'meetings'] as const,
  /** Participation per partner beside the balance (BAL10): meetings change it, so it sits under them. */
  participation: (ws: string) => [...queryKeys.meetings(ws), 'participation'] as const,
  meetingList: (ws: string, bodyId: string) => [...queryKeys.meetings(ws), 'list', bodyId] as const,
  meeting: (ws: string, meetingId: string) => [...queryKeys.meetings(ws), 'one', meetingId] as const,
  decisions: (ws: string) => ['workspace', ws, 'decisions'] as const,
  /** The decisions an action comes from (GOV19). */
  decisionsOf: (ws: string, decisionIds: readonly string[]) => [...queryKeys.decisions(ws), 'of', decisionIds.join(',')] as const,
  decisionRegister: (ws: string, filters: Record<string, string | undefined>) => [...queryKeys.decisions(ws), 'register', filters] as const,
}
