import { escapeHtml, type Locale } from '@ensemble/shared'
import { bilingualHtml } from './bilingualHtml.ts'
import type { Mail } from './mailer.ts'

/**
 * What a password reset request mails (ACCT16). Every request mails its address, so the work is
 * the same whether an account uses it or not; only the account's owner gets a link, and the
 * others are told that no account uses the address (and where to create one).
 */
export type PasswordResetMailData = { to: string; account: true; link: string; expiresAt: string } | { to: string; account: false; signUpLink: string }

const DATE: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
}

const T = {
  fr: {
    subject: 'Votre mot de passe Ensemble',
    asked: (email: string) => `Quelqu’un, sans doute vous, a demandé à changer le mot de passe du compte Ensemble de ${email}.`,
    how: 'Ouvrez ce lien pour choisir un nouveau mot de passe. Il ne sert qu’une fois ; changer le mot de passe ferme toutes les sessions ouvertes avec ce compte.',
    open: 'Choisir un nouveau mot de passe',
    expires: (date: string) => `Ce lien expire le ${date} (UTC).`,
    ignore: 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.',
    noAccount: (email: string) =>
      `Quelqu’un a demandé à changer le mot de passe d’un compte Ensemble à l’adresse ${email}, mais aucun compte n’utilise cette adresse.`,
    signUp: 'Si c’était vous, votre compte utilise peut-être une autre adresse ; vous pouvez aussi en créer un :',
    signUpOpen: 'Créer un compte',
    ignoreNoAccount: 'Sinon, ignorez ce message.',
  },
  en: {
    subject: 'Your Ensemble password',
    asked: (email: string) => `Someone, most likely you, asked to change the password of the Ensemble account of ${email}.`,
    how: 'Open this link to choose a new password. It works once; changing the password ends every session open with this account.',
    open: 'Choose a new password',
    expires: (date: string) => `This link expires on ${date} (UTC).`,
    ignore: 'If you did not ask for anything, ignore this message: your password stays the same.',
    noAccount: (email: string) => `Someone asked to change the password of an Ensemble account at ${email}, but no account uses this address.`,
    signUp: 'If it was you, your account may use another address; you can also create one:',
    signUpOpen: 'Create an account',
    ignoreNoAccount: 'Otherwise, ignore this message.',
  },
}

/** One language's paragraphs, the link among them, and the link's label. */
function part(d: PasswordResetMailData, lang: Locale): { before: string[]; link: string; label: string; after: string[] } {
  const t = T[lang]
  if (d.account) return { before: [t.asked(d.to), t.how], link: d.link, label: t.open, after: [t.expires(DATE[lang].format(new Date(d.expiresAt))), t.ignore] }
  return { before: [t.noAccount(d.to), t.signUp], link: d.signUpLink, label: t.signUpOpen, after: [t.ignoreNoAccount] }
}

/** The mail, French first then English, in text and HTML. */
export function composePasswordResetMail(d: PasswordResetMailData): Mail {
  const subject = `${T.fr.subject} · ${T.en.subject}`
  const [fr, en] = [part(d, 'fr'), part(d, 'en')]
  const textOf = (p: typeof fr) => [...p.before, '', p.link, '', ...p.after]
  const text = [...textOf(fr), '', '—', '', ...textOf(en), ''].join('\n')
  const e = escapeHtml
  const paragraphs = (lines: string[]) => lines.map((line) => `<p>${e(line)}</p>`).join('')
  const section = (lang: Locale, p: typeof fr) =>
    `<div lang="${lang}">${paragraphs(p.before)}<p><a href="${e(p.link)}">${e(p.label)}</a></p>${paragraphs(p.after)}</div>`
  const html = bilingualHtml(subject, section('fr', fr), section('en', en))
  return { to: d.to, subject, text, html, headers: {} }
}
