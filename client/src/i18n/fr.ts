import * as app from '../features/app/strings.ts'
import * as auth from '../features/auth/strings.ts'
import * as workspaces from '../features/workspaces/strings.ts'
import * as members from '../features/members/strings.ts'
import * as presence from '../features/presence/strings.ts'
import * as actionPlan from '../features/action-plan/strings.ts'
import * as governance from '../features/governance/strings.ts'
import * as comments from '../features/comments/strings.ts'
import * as history from '../features/history/strings.ts'
import * as signoff from '../features/signoff/strings.ts'
import * as meetings from '../features/meetings/strings.ts'
import * as account from '../features/account/strings.ts'
import * as invitations from '../features/invitations/strings.ts'
import * as passwordReset from '../features/password-reset/strings.ts'
import * as outbox from '../features/outbox/strings.ts'
import * as collab from '../features/collab/strings.ts'
import * as documents from '../features/documents/strings.ts'
import * as actors from '../features/actors/strings.ts'
import * as balance from '../features/balance/strings.ts'
import * as diagnostic from '../features/diagnostic/strings.ts'
import * as objectives from '../features/objectives/strings.ts'
import * as reports from '../features/reports/strings.ts'
import * as dashboard from '../features/dashboard/strings.ts'
import * as roles from '../features/roles/strings.ts'
import * as serverErrors from '../features/server-errors/strings.ts'
import * as decisionRules from '../features/decision-rules/strings.ts'

/**
 * French, the product's first language. Each feature keeps its strings in its own `strings.ts`
 * (`export const fr = { namespace: {…} }`, `export const en: typeof fr`), spread here; en.ts spreads
 * the same files' `en`, so a key missing in one language fails the typecheck.
 */
export const fr = {
  ...app.fr,
  ...auth.fr,
  ...workspaces.fr,
  ...members.fr,
  ...presence.fr,
  ...actionPlan.fr,
  ...governance.fr,
  ...comments.fr,
  ...history.fr,
  ...signoff.fr,
  ...meetings.fr,
  ...account.fr,
  ...invitations.fr,
  ...passwordReset.fr,
  ...outbox.fr,
  ...collab.fr,
  ...documents.fr,
  ...objectives.fr,
  ...balance.fr,
  ...diagnostic.fr,
  ...actors.fr,
  ...reports.fr,
  ...dashboard.fr,
  ...roles.fr,
  ...serverErrors.fr,
  ...decisionRules.fr,
}

/** The shape every language must fill: same keys, any strings. */
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
export type MessagesShape = Messages<typeof fr>
