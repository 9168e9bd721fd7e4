/** Strings of the development outbox page (spread into fr.ts and en.ts under `outbox`). */
export const fr = {
  outbox: {
    title: 'Courriels en attente (développement)',
    intro: 'Sans serveur SMTP configuré, les courriels (résumés) sont conservés ici au lieu d’être envoyés.',
    refresh: 'Actualiser',
    empty: 'Aucun courriel pour le moment.',
    count: '{{count}} courriel(s)',
    to: 'À',
    date: 'Le',
    links: 'Liens du courriel',
  },
}

export const en: typeof fr = {
  outbox: {
    title: 'Outgoing mail (development)',
    intro: 'With no SMTP server configured, mail (digests) is kept here instead of being sent.',
    refresh: 'Refresh',
    empty: 'No mail yet.',
    count: '{{count}} mail(s)',
    to: 'To',
    date: 'On',
    links: 'Links in the mail',
  },
}
