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
  ...objectives.fr,
  ...roles.fr,
  ...serverErrors.fr,
  // Still inline: the connection and the document editor, being reworked on the offline-storage branch; they move to
  // features/collab/strings.ts and features/documents/strings.ts once it is merged.
  collab: {
    status: 'État de la connexion',
    connected: 'Connecté',
    connecting: 'Connexion…',
    offline: 'Hors ligne — reconnexion…',
    syncing: 'Synchronisation…',
    closed: 'Connexion interrompue : {{reason}}',
    reload: 'Recharger la page',
    reasons: {
      accessRevoked: 'votre accès à cette alliance a été retiré.',
      unknownDocument: 'ce document n’existe pas.',
      schemaMismatch: 'une nouvelle version d’Ensemble est disponible, rechargez la page.',
      documentTooLarge: 'ce document dépasse la taille maximale qu’Ensemble ouvre ; demandez à l’administrateur de l’alliance de le réduire ou de l’archiver.',
      malformedMessage: 'le serveur a refusé un message invalide.',
      forbidden: 'vous n’avez pas accès à cette alliance.',
      other: 'code {{code}}.',
    },
  },
  documents: {
    status: 'Statut',
    proposedLocked: 'Document proposé à l’adoption : seuls la coordination et le comité de pilotage peuvent encore le modifier.',
    statuses: {
      draft: 'Brouillon',
      proposed: 'Proposé',
      adopted: 'Adopté',
    },
    readOnly: 'Lecture seule : votre rôle permet de consulter ce document, pas de le modifier.',
    adoptedLocked: 'Document adopté : il est verrouillé et ne change plus que par avenant.',
    editorLabel: 'Texte du document « {{title}} »',
    toolbar: 'Mise en forme',
    paragraph: 'Paragraphe',
    heading: 'Titre de niveau {{level}}',
    headingShort: 'T{{level}}',
    bold: 'Gras',
    italic: 'Italique',
    bulletList: 'Liste à puces',
    orderedList: 'Liste numérotée',
    link: 'Lien',
    unlink: 'Retirer le lien',
    table: 'Tableau',
    insertTable: 'Insérer un tableau',
    addRowAfter: 'Ajouter une ligne',
    deleteRow: 'Supprimer la ligne',
    addColumnAfter: 'Ajouter une colonne',
    deleteColumn: 'Supprimer la colonne',
    deleteTable: 'Supprimer le tableau',
    bulletListShort: '• Liste',
    orderedListShort: '1. Liste',
    addRowShort: '+ Ligne',
    deleteRowShort: '− Ligne',
    addColumnShort: '+ Colonne',
    deleteColumnShort: '− Colonne',
    boldShort: 'G',
    italicShort: 'I',
    tableGroup: 'Tableau',
    historyGroup: 'Historique',
    undo: 'Annuler',
    redo: 'Rétablir',
    linkUrl: 'Adresse du lien',
    linkUrlHint: 'http://, https:// ou mailto:',
    applyLink: 'Appliquer le lien',
    cancel: 'Annuler',
    empty: 'Commencez à écrire…',
    syncing: 'Chargement du document…',
    editorLoadFailed: 'L’éditeur n’a pas pu être chargé : le texte reste en lecture seule.',
  },
}

/** The shape every language must fill: same keys, any strings. */
type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> }
export type MessagesShape = Messages<typeof fr>
