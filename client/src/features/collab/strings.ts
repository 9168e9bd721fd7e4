/** Strings of the "saved" indicator and of a rate-limited connection (spread into i18n/fr.ts and en.ts under `saving` and `connection`). */
export const fr = {
  saving: {
    saved: 'Enregistré',
    saving: 'Enregistrement…',
    unsaved: 'Non enregistré',
    unsavedHint: 'Vos modifications sont gardées sur cet appareil et seront envoyées dès que possible.',
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
  },
  connection: {
    rateLimited: 'Too many messages sent: reconnecting in a few seconds…',
  },
}
