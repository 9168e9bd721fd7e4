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
import * as objectives from '../features/objectives/strings.ts'
import * as roles from '../features/roles/strings.ts'
import * as serverErrors from '../features/server-errors/strings.ts'
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
  ...objectives.en,
  ...roles.en,
  ...serverErrors.en,
  // Still inline: the connection and the document editor, being reworked on the offline-storage branch; they move to
  // features/collab/strings.ts and features/documents/strings.ts once it is merged.
  collab: {
    status: 'Connection status',
    connected: 'Connected',
    connecting: 'Connecting…',
    offline: 'Offline — reconnecting…',
    syncing: 'Synchronising…',
    closed: 'Connection closed: {{reason}}',
    reload: 'Reload the page',
    reasons: {
      accessRevoked: 'your access to this alliance was removed.',
      unknownDocument: 'this document does not exist.',
      schemaMismatch: 'a new version of Ensemble is available, reload the page.',
      documentTooLarge: 'this document is larger than Ensemble opens; ask the alliance’s administrator to reduce or archive it.',
      malformedMessage: 'the server refused an invalid message.',
      forbidden: 'you do not have access to this alliance.',
      other: 'code {{code}}.',
    },
  },
  documents: {
    status: 'Status',
    proposedLocked: 'Document proposed for adoption: only the coordinator and the steering committee may still change it.',
    statuses: {
      draft: 'Draft',
      proposed: 'Proposed',
      adopted: 'Adopted',
    },
    readOnly: 'Read-only: your role lets you read this document, not change it.',
    adoptedLocked: 'Adopted document: it is locked and only changes through an amendment.',
    editorLabel: 'Text of the document “{{title}}”',
    toolbar: 'Formatting',
    paragraph: 'Paragraph',
    heading: 'Heading level {{level}}',
    headingShort: 'H{{level}}',
    bold: 'Bold',
    italic: 'Italic',
    bulletList: 'Bulleted list',
    orderedList: 'Numbered list',
    link: 'Link',
    unlink: 'Remove link',
    table: 'Table',
    insertTable: 'Insert a table',
    addRowAfter: 'Add a row',
    deleteRow: 'Delete row',
    addColumnAfter: 'Add a column',
    deleteColumn: 'Delete column',
    deleteTable: 'Delete table',
    bulletListShort: '• List',
    orderedListShort: '1. List',
    addRowShort: '+ Row',
    deleteRowShort: '− Row',
    addColumnShort: '+ Column',
    deleteColumnShort: '− Column',
    boldShort: 'B',
    italicShort: 'I',
    tableGroup: 'Table',
    historyGroup: 'History',
    undo: 'Undo',
    redo: 'Redo',
    linkUrl: 'Link address',
    linkUrlHint: 'http://, https:// or mailto:',
    applyLink: 'Apply link',
    cancel: 'Cancel',
    empty: 'Start writing…',
    syncing: 'Loading the document…',
    editorLoadFailed: 'The editor could not be loaded: the text stays read-only.',
  },
}
