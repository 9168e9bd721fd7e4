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
import type { MessagesShape } from './fr.ts'

/** English, the second language: the same features' `en`, typed against fr.ts so a missing key fails the build. */
export const en: MessagesShape = {
  ...app.en,
  ...auth.en,
  ...workspaces.en,
  ...members.en,
  ...presence.en,
  ...actionPlan.en,
  ...governance.en,
  ...comments.en,
  ...history.en,
  ...signoff.en,
  ...meetings.en,
  ...account.en,
  ...invitations.en,
  ...passwordReset.en,
  ...outbox.en,
  ...collab.en,
  ...documents.en,
  ...objectives.en,
  ...balance.en,
  ...diagnostic.en,
  ...actors.en,
  ...reports.en,
  ...dashboard.en,
  ...roles.en,
  ...serverErrors.en,
  ...decisionRules.en,
}
