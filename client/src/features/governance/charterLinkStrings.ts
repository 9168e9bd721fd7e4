/** Strings of the links between the charter and the governance bodies (GOV25), spread into fr.ts and en.ts under `charterLinks`. */
export const fr = {
  charterLinks: {
    kind: 'Le lien mène à',
    toWeb: 'Une adresse web ou e-mail',
    toBody: 'Lier à une instance de gouvernance',
    body: 'Instance de gouvernance',
    bodyHint: 'Pour suivre le lien : Ctrl+clic, ou Alt+Entrée le curseur dans le lien.',
    chooseBody: 'Choisir une instance…',
    chooseBodyError: 'Choisissez une instance.',
    noBodies: 'Aucune instance : créez-en une dans « Instances de gouvernance ».',
    loadingBodies: 'Chargement des instances…',
    definedIn: 'Définie dans la charte : « {{heading}} »',
    definedInUntitled: 'Définie dans la charte',
    notInCharter: 'Pas encore rattachée à la charte',
    openCharter: 'Voir la charte',
    missingBody: 'L’instance visée par ce lien n’existe plus : elle a peut-être été supprimée.',
  },
}

export const en: { charterLinks: Record<keyof (typeof fr)['charterLinks'], string> } = {
  charterLinks: {
    kind: 'The link leads to',
    toWeb: 'A web or e-mail address',
    toBody: 'Link to a governance body',
    body: 'Governance body',
    bodyHint: 'To follow the link: Ctrl+click, or Alt+Enter with the caret in the link.',
    chooseBody: 'Choose a body…',
    chooseBodyError: 'Choose a body.',
    noBodies: 'No body yet: create one in “Governance bodies”.',
    loadingBodies: 'Loading the bodies…',
    definedIn: 'Defined in the charter: “{{heading}}”',
    definedInUntitled: 'Defined in the charter',
    notInCharter: 'Not yet linked from the charter',
    openCharter: 'See the charter',
    missingBody: 'The body this link points to no longer exists: it may have been deleted.',
  },
}
