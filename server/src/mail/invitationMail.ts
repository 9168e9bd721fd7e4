import { escapeHtml, type Locale, type Role } from '@ensemble/shared'
import { bilingualHtml } from './bilingualHtml.ts'
import type { Mail } from './mailer.ts'

/** What an invitation mail says (ACCT1). The link is the only way in: it proves the address. */
export interface InvitationMailData {
  to: string
  workspaceName: string
  inviterName: string
  role: Role
  partnerName: string | null
  link: string
  expiresAt: string
}

const ROLES: Record<Locale, Record<Role, string>> = {
  fr: {
    admin: 'coordination (admin)',
    steering: 'comité de pilotage',
    editor: 'contributeur·rice',
    commenter: 'commentateur·rice',
    observer: 'observateur·rice',
  },
  en: { admin: 'coordinator (admin)', steering: 'steering committee', editor: 'contributor', commenter: 'commenter', observer: 'observer' },
}

const DATE: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
}

const T = {
  fr: {
    subject: (ws: string) => `Invitation à rejoindre « ${ws} » sur Ensemble`,
    body: (d: InvitationMailData) =>
      `${d.inviterName || 'La coordination'} vous invite à rejoindre l’alliance « ${d.workspaceName} » sur Ensemble, rôle : ${ROLES.fr[d.role]}${d.partnerName ? `, pour ${d.partnerName}` : ''}.`,
    how: 'Ouvrez ce lien pour accepter. Connectez-vous ou créez votre compte avec cette adresse e-mail : le lien ne sert qu’une fois.',
    expires: (date: string) => `Ce lien expire le ${date} (UTC).`,
    ignore: 'Si vous ne vous attendiez pas à cette invitation, ignorez ce message : rien ne se passera.',
    open: 'Accepter l’invitation',
  },
  en: {
    subject: (ws: string) => `Invitation to join “${ws}” on Ensemble`,
    body: (d: InvitationMailData) =>
      `${d.inviterName || 'The coordinator'} invites you to join the alliance “${d.workspaceName}” on Ensemble, as ${ROLES.en[d.role]}${d.partnerName ? `, for ${d.partnerName}` : ''}.`,
    how: 'Open this link to accept. Sign in or create your account with this email address: the link works once.',
    expires: (date: string) => `This link expires on ${date} (UTC).`,
    ignore: 'If you did not expect this invitation, ignore this message: nothing will happen.',
    open: 'Accept the invitation',
  },
}

/** The invitation mail, French first then English, in text and HTML. */
export function composeInvitationMail(d: InvitationMailData): Mail {
  const subject = `${T.fr.subject(d.workspaceName)} · ${T.en.subject(d.workspaceName)}`
  const part = (lang: Locale) => {
    const t = T[lang]
    return { lines: [t.body(d), t.how, t.expires(DATE[lang].format(new Date(d.expiresAt))), t.ignore], open: t.open }
  }
  const [fr, en] = [part('fr'), part('en')]
  const text = [
    ...fr.lines.slice(0, 2),
    '',
    d.link,
    '',
    ...fr.lines.slice(2),
    '',
    '—',
    '',
    ...en.lines.slice(0, 2),
    '',
    d.link,
    '',
    ...en.lines.slice(2),
    '',
  ].join('\n')
  const e = escapeHtml
  const section = (lang: Locale, p: typeof fr) =>
    `<div lang="${lang}"><p>${e(p.lines[0]!)}</p><p>${e(p.lines[1]!)}</p><p><a href="${e(d.link)}">${e(p.open)}</a></p><p>${e(p.lines[2]!)}</p><p>${e(p.lines[3]!)}</p></div>`
  const html = bilingualHtml(subject, section('fr', fr), section('en', en))
  return { to: d.to, subject, text, html, headers: {} }
}
