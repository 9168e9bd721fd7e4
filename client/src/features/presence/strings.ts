/** Who is here. French first; spread into i18n/fr.ts and en.ts under `presence`. */
export const fr = {
  presence: {
    title: 'Présents sur ce document',
    you: 'vous',
    alone: 'Vous êtes seul·e sur ce document pour le moment.',
    joined: '{{name}} a rejoint le document.',
    left: '{{name}} a quitté le document.',
    count_one: '{{count}} personne présente',
    count_other: '{{count}} personnes présentes',
    editing: '{{name}} modifie',
    editingField: '{{name}} modifie {{field}}.',
    stoppedEditing: '{{name}} ne modifie plus {{field}}.',
  },
}

export const en: typeof fr = {
  presence: {
    title: 'Present on this document',
    you: 'you',
    alone: 'You are alone on this document for now.',
    joined: '{{name}} joined the document.',
    left: '{{name}} left the document.',
    count_one: '{{count}} person present',
    count_other: '{{count}} people present',
    editing: '{{name}} is editing',
    editingField: '{{name}} is editing {{field}}.',
    stoppedEditing: '{{name}} stopped editing {{field}}.',
  },
}
