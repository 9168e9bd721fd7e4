/** Strings of live role changes and of the refused-text dialog (spread into fr.ts and en.ts under `liveRoles`). */
export const fr = {
  liveRoles: {
    removed: 'Vous ne faites plus partie de cette alliance.',
    refusedTitle: 'Texte non enregistré',
    refusedIntro: 'Le serveur a refusé ce que vous venez de taper et l’a retiré du document :',
    refusedText: 'Texte retiré',
    refusedKeep: 'Copiez-le pour le garder, ou proposez-le en commentaire.',
    refusedKeepObserver: 'Copiez-le pour le garder.',
    copy: 'Copier le texte',
    copied: 'Texte copié.',
    copyFailed: 'La copie a échoué : sélectionnez le texte et copiez-le.',
    toComment: 'En faire un commentaire',
    close: 'Fermer',
    commentLabel: 'Texte refusé à l’enregistrement',
  },
}

export const en: { liveRoles: Record<keyof (typeof fr)['liveRoles'], string> } = {
  liveRoles: {
    removed: 'You are no longer part of this alliance.',
    refusedTitle: 'Text not saved',
    refusedIntro: 'The server refused what you just typed and removed it from the document:',
    refusedText: 'Removed text',
    refusedKeep: 'Copy it to keep it, or suggest it as a comment.',
    refusedKeepObserver: 'Copy it to keep it.',
    copy: 'Copy the text',
    copied: 'Text copied.',
    copyFailed: 'Copying failed: select the text and copy it.',
    toComment: 'Turn it into a comment',
    close: 'Close',
    commentLabel: 'Text refused when saving',
  },
}
