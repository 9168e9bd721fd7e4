import type { Locale, LocalizedText } from '@ensemble/shared'

/** A human message in every language the UI speaks; the member's locale picks one when sending. */
export type LocalizedMessage = LocalizedText

/** The refusals of the permission rules (PERMn of docs/RULES.md); validation messages come from shared/src/rules. */
export const MESSAGES = {
  /** PERM2 */
  editForbidden: {
    fr: 'Votre rôle ne vous permet pas de modifier ce document : votre modification a été annulée.',
    en: 'Your role does not allow you to edit this document: your change was undone.',
  },
  /** PERM3 */
  createAction: {
    fr: 'Seuls l’administration et le comité de pilotage créent une action planifiée : proposez-la (statut « proposée », sans responsable ni réalisateur).',
    en: 'Only admin and steering create a planned action: propose it instead (status “proposed”, nobody accountable or responsible).',
  },
  deleteAction: {
    fr: 'Seuls l’administration et le comité de pilotage suppriment une action.',
    en: 'Only admin and steering delete an action.',
  },
  reorderActions: {
    fr: 'Seuls l’administration et le comité de pilotage réordonnent le plan.',
    en: 'Only admin and steering reorder the plan.',
  },
  /** PERM5 */
  steeringField: {
    fr: 'Seuls l’administration et le comité de pilotage modifient ce champ d’une action qui n’est plus une proposition.',
    en: 'Only admin and steering change this field of an action that is no longer a proposal.',
  },
  /** PERM6 */
  ownersField: {
    fr: 'Seuls le responsable final, les réalisateurs de l’action et le pilotage mettent à jour ce champ.',
    en: 'Only the action’s accountable and responsible members, and steering, update this field.',
  },
  /** PERM7 */
  triage: {
    fr: 'Seuls l’administration et le comité de pilotage acceptent, annulent ou rouvrent une action (statuts « proposée » et « annulée »).',
    en: 'Only admin and steering accept, cancel or reopen an action (statuses “proposed” and “cancelled”).',
  },
  /** PERM8 */
  steeringOnly: {
    fr: 'Seuls l’administration et le comité de pilotage modifient cette partie.',
    en: 'Only admin and steering edit this part.',
  },
  /** PERM12 */
  indicatorValues: {
    fr: 'Seuls les membres du partenaire responsable de cet indicateur en saisissent les valeurs.',
    en: 'Only members of the partner responsible for this indicator enter its values.',
  },
  /** PERM13 */
  valuesAppendOnly: {
    fr: 'Une valeur saisie ne se modifie ni ne se supprime : saisissez une correction.',
    en: 'An entered value is neither changed nor removed: enter a correction instead.',
  },
  /** PERM9 */
  documentUnderReview: {
    fr: 'Ce document est soumis à adoption : seuls l’administration et le comité de pilotage le modifient encore.',
    en: 'This document is submitted for adoption: only admin and steering still edit it.',
  },
  /** PERM8, SIGN9 */
  adoptionRules: {
    fr: 'Seuls l’administration et le comité de pilotage fixent les règles d’adoption de la charte.',
    en: 'Only admin and steering set the charter’s adoption rules.',
  },
  /** PERM10, SIGN10 */
  statusBySignoff: {
    fr: 'Le statut d’un document ne change que par la signature : proposer une version, les réponses des partenaires, le retrait ou le déverrouillage.',
    en: 'A document’s status changes only through sign-off: proposing a version, the partners’ answers, withdrawal or unlocking.',
  },
  documentLocked: {
    fr: 'Ce document est adopté : il n’accepte plus de modification (passez par un avenant).',
    en: 'This document is adopted: it accepts no more edits (go through an amendment).',
  },
  minutesLocked: {
    fr: 'Ce compte rendu est approuvé : il n’accepte plus de modification.',
    en: 'These minutes are approved: they accept no more edits.',
  },
  /** HOST1 */
  clientIdTaken: {
    fr: 'Une partie de ce que votre appareil a envoyé porte l’identifiant d’édition d’une autre personne : elle n’a pas été enregistrée.',
    en: 'Part of what your device sent carries another person’s editing id: it was not saved.',
  },
  /** HOST2 */
  updateTooDeep: {
    fr: 'Modification refusée : elle imbrique trop de niveaux de contenu.',
    en: 'Change refused: it nests too many levels of content.',
  },
  updateKeyTooLong: {
    fr: 'Modification refusée : elle contient un nom de champ trop long.',
    en: 'Change refused: it contains a field name that is too long.',
  },
  /** HOST4 */
  documentTooLarge: {
    fr: 'Ce document a atteint sa taille maximale : votre ajout a été annulé. Supprimez du contenu ou scindez le document.',
    en: 'This document has reached its maximum size: your addition was undone. Remove content or split the document.',
  },
} as const satisfies Record<string, LocalizedMessage>

export const localize = (message: LocalizedMessage, locale: Locale): string => message[locale] ?? message.fr
