import { escapeHtml, type ActionStatus, type DigestFrequency, type Locale } from '@ensemble/shared'

/** What one member's digest says, collected from SQL and the plan document (collect.ts). */
export interface DigestData {
  language: Locale
  frequency: Exclude<DigestFrequency, 'off'>
  workspaceName: string
  recipientName: string
  /** The period covered, ISO instants. */
  from: string
  to: string
  /** The member's open actions (accountable or responsible) due soon or overdue, soonest first. */
  dueActions: { title: string; deadline: string; overdue: boolean; role: 'accountable' | 'responsible'; status: ActionStatus }[]
  /** Per document: live edits by others and new comments in the period. */
  documents: { docName: string; edits: number; editors: string[]; comments: number }[]
  /** The member's actions others changed (their `action.changed` inbox items). */
  actions: { title: string; fields: string[]; editor: string }[]
  /** Mentions of the member and replies in their threads. */
  messages: { kind: 'mention' | 'reply'; author: string; docName: string; excerpt: string }[]
  appUrl: string
  unsubscribeUrl: string
}

export interface ComposedMail {
  subject: string
  text: string
  html: string
}

/** A digest with nothing to say is not sent. */
export const isEmptyDigest = (d: DigestData): boolean => !d.dueActions.length && !d.documents.length && !d.actions.length && !d.messages.length

const DOC_NAMES: Record<Locale, Record<string, string>> = {
  fr: {
    vision: 'Vision partagée',
    charter: 'Charte partenariale',
    agreement: 'Accord de consortium',
    convention: 'Convention de partenariat',
    plan: 'Plan d’action',
    governance: 'Instances de gouvernance',
  },
  en: {
    vision: 'Shared vision',
    charter: 'Partnership charter',
    agreement: 'Consortium agreement',
    convention: 'Partnership agreement',
    plan: 'Action plan',
    governance: 'Governance bodies',
  },
}

const FIELD_NAMES: Record<Locale, Record<string, string>> = {
  fr: {
    title: 'intitulé',
    objective: 'objectif',
    description: 'description',
    start: 'début',
    deadline: 'échéance',
    status: 'statut',
    progress: 'avancement',
    blockedReason: 'motif de blocage',
    accountable: 'responsable (A)',
    responsible: 'réalisateurs (R)',
    consulted: 'consultés (C)',
    informed: 'informés (I)',
    milestones: 'jalons',
    resources: 'ressources',
  },
  en: {
    title: 'title',
    objective: 'objective',
    description: 'description',
    start: 'start',
    deadline: 'deadline',
    status: 'status',
    progress: 'progress',
    blockedReason: 'blocked reason',
    accountable: 'accountable (A)',
    responsible: 'responsible (R)',
    consulted: 'consulted (C)',
    informed: 'informed (I)',
    milestones: 'milestones',
    resources: 'resources',
  },
}

const T = {
  fr: {
    subject: (f: DigestData['frequency'], ws: string) => `${f === 'daily' ? 'Résumé du jour' : 'Résumé de la semaine'} · ${ws}`,
    hello: (name: string) => `Bonjour ${name},`,
    intro: (from: string, to: string) => `voici ce qui a changé dans l’alliance du ${from} au ${to}.`,
    due: 'Vos actions à échéance',
    overdue: 'en retard',
    dueOn: (date: string) => `échéance le ${date}`,
    role: { accountable: 'responsable (A)', responsible: 'réalisateur (R)' },
    documents: 'Par document',
    edits: (n: number) => `${n} modification${n > 1 ? 's' : ''}`,
    by: (names: string) => `par ${names}`,
    comments: (n: number) => `${n} nouveau${n > 1 ? 'x' : ''} commentaire${n > 1 ? 's' : ''}`,
    actions: 'Par action',
    changed: (fields: string, who: string) => `${fields} modifié par ${who}`,
    messages: 'Mentions et réponses',
    mention: (who: string, doc: string) => `${who} vous a mentionné (${doc})`,
    reply: (who: string, doc: string) => `${who} a répondu dans votre fil (${doc})`,
    quote: (s: string) => ` : « ${s} »`,
    open: 'Ouvrir Ensemble',
    footer: (f: DigestData['frequency']) => `Vous recevez ce résumé ${f === 'daily' ? 'quotidien' : 'hebdomadaire'} d’Ensemble.`,
    unsubscribe: 'Se désabonner des résumés',
    list: (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names.at(-1)}` : (names[0] ?? '')),
  },
  en: {
    subject: (f: DigestData['frequency'], ws: string) => `${f === 'daily' ? 'Daily digest' : 'Weekly digest'} · ${ws}`,
    hello: (name: string) => `Hello ${name},`,
    intro: (from: string, to: string) => `here is what changed in the alliance from ${from} to ${to}.`,
    due: 'Your actions due',
    overdue: 'overdue',
    dueOn: (date: string) => `due ${date}`,
    role: { accountable: 'accountable (A)', responsible: 'responsible (R)' },
    documents: 'By document',
    edits: (n: number) => `${n} edit${n > 1 ? 's' : ''}`,
    by: (names: string) => `by ${names}`,
    comments: (n: number) => `${n} new comment${n > 1 ? 's' : ''}`,
    actions: 'By action',
    changed: (fields: string, who: string) => `${fields} changed by ${who}`,
    messages: 'Mentions and replies',
    mention: (who: string, doc: string) => `${who} mentioned you (${doc})`,
    reply: (who: string, doc: string) => `${who} replied in your thread (${doc})`,
    quote: (s: string) => `: “${s}”`,
    open: 'Open Ensemble',
    footer: (f: DigestData['frequency']) => `You receive this ${f} digest from Ensemble.`,
    unsubscribe: 'Unsubscribe from digests',
    list: (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')),
  },
} as const

export function docLabel(docName: string, language: Locale): string {
  if (docName.startsWith('minutes:')) return language === 'fr' ? 'Compte rendu' : 'Minutes'
  return DOC_NAMES[language][docName] ?? docName
}

const day = (iso: string, language: Locale): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso))

/** One section: a heading and its lines, each line plain text (escaped once, for the HTML part). */
interface Section {
  heading: string
  lines: string[]
}

/**
 * The digest mail, pure: same data, same mail. Sections in order: the member's own due and overdue
 * actions first, then by document, by action, mentions and replies; empty sections are left out.
 * Every piece of user text is escaped in the HTML part.
 */
export function composeDigest(d: DigestData): ComposedMail {
  const t = T[d.language]
  const sections: Section[] = []
  if (d.dueActions.length) {
    sections.push({
      heading: t.due,
      lines: d.dueActions.map((a) => `${a.title} — ${a.overdue ? `${t.overdue}, ` : ''}${t.dueOn(day(a.deadline, d.language))} · ${t.role[a.role]}`),
    })
  }
  if (d.documents.length) {
    sections.push({
      heading: t.documents,
      lines: d.documents.map((doc) => {
        const parts = [doc.edits ? `${t.edits(doc.edits)} ${t.by(t.list(doc.editors))}` : '', doc.comments ? t.comments(doc.comments) : ''].filter(Boolean)
        return `${docLabel(doc.docName, d.language)} — ${parts.join(' · ')}`
      }),
    })
  }
  if (d.actions.length) {
    const fieldNames = FIELD_NAMES[d.language]
    sections.push({ heading: t.actions, lines: d.actions.map((a) => `${a.title} — ${t.changed(t.list(a.fields.map((f) => fieldNames[f] ?? f)), a.editor)}`) })
  }
  if (d.messages.length) {
    sections.push({
      heading: t.messages,
      lines: d.messages.map((m) => `${(m.kind === 'mention' ? t.mention : t.reply)(m.author, docLabel(m.docName, d.language))}${t.quote(m.excerpt)}`),
    })
  }
  const subject = t.subject(d.frequency, d.workspaceName)
  const intro = [t.hello(d.recipientName), t.intro(day(d.from, d.language), day(d.to, d.language))]
  const text = [
    ...intro,
    '',
    ...sections.flatMap((s) => [s.heading, ...s.lines.map((l) => `- ${l}`), '']),
    `${t.open}: ${d.appUrl}`,
    '',
    '--',
    t.footer(d.frequency),
    `${t.unsubscribe}: ${d.unsubscribeUrl}`,
  ].join('\n')
  const e = escapeHtml
  const html = [
    `<!doctype html><html lang="${d.language}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d2430;max-width:40rem">',
    `<p>${e(intro[0]!)}<br>${e(intro[1]!)}</p>`,
    ...sections.map((s) => `<h2 style="font-size:1.1rem">${e(s.heading)}</h2><ul>${s.lines.map((l) => `<li>${e(l)}</li>`).join('')}</ul>`),
    `<p><a href="${e(d.appUrl)}">${e(t.open)}</a></p>`,
    `<hr><p style="font-size:.85rem;color:#555">${e(t.footer(d.frequency))} <a href="${e(d.unsubscribeUrl)}">${e(t.unsubscribe)}</a></p>`,
    '</body></html>',
  ].join('\n')
  return { subject, text, html }
}
