/** Strings of the connection status, the "saved" indicator (with a refused edit) and a rate-limited connection (spread into i18n/fr.ts and en.ts under `collab`, `saving` and `connection`). */
export const fr = {
  saving: {
    saved: 'Enregistré',
    saving: 'Enregistrement…',
    unsaved: 'Non enregistré',
    unsavedHint: 'Vos modifications sont gardées sur cet appareil et seront envoyées dès que possible.',
    refused: 'Refusé',
    refusedField: 'Votre modification de « {{field}} » pour l’action « {{title}} » a été annulée : {{message}}',
    refusedAction: 'Votre modification de l’action « {{title}} » a été annulée : {{message}}',
  },
  connection: {
    rateLimited: 'Trop de messages envoyés : reconnexion dans quelques secondes…',
  },
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
}

export const en: typeof fr = {
  saving: {
    saved: 'Saved',
    saving: 'Saving…',
    unsaved: 'Not saved',
    unsavedHint: 'Your changes are kept on this device and will be sent as soon as possible.',
    refused: 'Refused',
    refusedField: 'Your change to “{{field}}” of the action “{{title}}” was undone: {{message}}',
    refusedAction: 'Your change to the action “{{title}}” was undone: {{message}}',
  },
  connection: {
    rateLimited: 'Too many messages sent: reconnecting in a few seconds…',
  },
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
}
