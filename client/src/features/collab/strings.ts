/** Strings of the "saved" indicator (spread into i18n/fr.ts and en.ts under `saving`). */
export const fr = {
  saving: {
    saved: 'Enregistré',
    saving: 'Enregistrement…',
    unsaved: 'Non enregistré',
    unsavedHint: 'Vos modifications sont gardées sur cet appareil et seront envoyées dès que possible.',
  },
}

export const en: typeof fr = {
  saving: {
    saved: 'Saved',
    saving: 'Saving…',
    unsaved: 'Not saved',
    unsavedHint: 'Your changes are kept on this device and will be sent as soon as possible.',
  },
}
