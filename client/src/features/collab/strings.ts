/** Strings of the "saved" indicator (and of a refused edit) and of a rate-limited connection (spread into i18n/fr.ts and en.ts under `saving` and `connection`). */
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
}
