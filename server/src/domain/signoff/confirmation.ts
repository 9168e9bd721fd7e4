import { ADOPTION_RULE_LABELS, escapeHtml, type Locale, type SignoffRoundView } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { docLabel } from '../digest/compose.ts'
import type { Logger } from '../../logger.ts'
import type { Mailer } from '../../mail/mailer.ts'
import { headTime, type AuditHead } from './head.ts'

/** A round that just closed (adopted or withdrawn), with the audit entry that closed it. */
export interface RoundClosed {
  workspaceId: string
  docName: string
  /** The document's title in the proposed version (its name when untitled). */
  title: string
  round: SignoffRoundView
  /** The entry that closed the round: the chain's head when the round closed. */
  head: AuditHead
}

export interface ConfirmationData extends RoundClosed {
  workspaceName: string
  recipientName: string
  appUrl: string
}

const ANSWERS: Record<Locale, Record<string, string>> = {
  fr: { approve: 'approuvé', abstain: 'abstention', object: 'objection', none: 'sans réponse' },
  en: { approve: 'approved', abstain: 'abstained', object: 'objected', none: 'no answer' },
}

const day = (iso: string, language: Locale): string =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(iso))

/** The mail's paragraphs in one language: each paragraph a list of lines. */
function paragraphs(d: ConfirmationData, language: Locale): string[][] {
  const fr = language === 'fr'
  const { round, head } = d
  const doc = docLabel(d.docName, language)
  const closedOn = day(round.closedAt ?? head.at, language)
  const rule = ADOPTION_RULE_LABELS[round.rule][language]
  const adopted = round.status === 'adopted'
  // French puts a space before a colon, English does not.
  const colon = fr ? ' : ' : ': '
  const what = adopted
    ? fr
      ? `« ${d.title} » (${doc}) a été adopté le ${closedOn} dans l’alliance ${d.workspaceName}, selon la règle : ${rule}.`
      : `“${d.title}” (${doc}) was adopted on ${closedOn} in the alliance ${d.workspaceName}, under the rule: ${rule}.`
    : fr
      ? `La proposition « ${round.versionName} » de « ${d.title} » (${doc}) a été retirée le ${closedOn} dans l’alliance ${d.workspaceName}.`
      : `The proposal “${round.versionName}” of “${d.title}” (${doc}) was withdrawn on ${closedOn} in the alliance ${d.workspaceName}.`
  const answers = round.votes.map((v) => {
    const answer = ANSWERS[language][v.vote ?? 'none']
    return `- ${v.partnerName} (${v.userName ?? '—'})${colon}${answer}${v.at ? (fr ? `, le ${day(v.at, language)}` : `, ${day(v.at, language)}`) : ''}`
  })
  const fingerprints = [
    `${fr ? `Empreinte du texte ${adopted ? 'adopté' : 'proposé'} (SHA-256)` : `Hash of the ${adopted ? 'adopted' : 'proposed'} text (SHA-256)`}${colon}${round.contentHash}`,
    ...(round.baseHash ? [`${fr ? 'Avenant — empreinte précédente' : 'Amendment — previous hash'}${colon}${round.baseHash}`] : []),
  ]
  const anchor = fr
    ? [
        'Tête du journal d’audit — conservez ce courriel :',
        `  entrée n° ${head.seq}, ${headTime(head.at)}`,
        `  forme courte : ${head.short}`,
        `  empreinte complète : ${head.hash}`,
        'Elle permet de vérifier plus tard que le journal des signatures n’a été ni tronqué ni réécrit',
        `(l’hébergeur lance : pnpm --filter @ensemble/server audit:verify --head ${head.short}).`,
      ]
    : [
        'Audit chain head — keep this email:',
        `  entry ${head.seq}, ${headTime(head.at)}`,
        `  short form: ${head.short}`,
        `  full hash: ${head.hash}`,
        'It lets anyone check later that the sign-off trail was neither cut nor rewritten',
        `(the host runs: pnpm --filter @ensemble/server audit:verify --head ${head.short}).`,
      ]
  return [
    [fr ? `Bonjour ${d.recipientName},` : `Hello ${d.recipientName},`],
    [what, `Version${colon}${round.versionName}`],
    [fr ? 'Réponses des partenaires :' : 'Partners’ answers:', ...answers],
    fingerprints,
    anchor,
    [`${fr ? 'Ouvrir Ensemble' : 'Open Ensemble'}${colon}${d.appUrl}`],
  ]
}

/**
 * The confirmation a partner's representative receives when a round closes, pure: French first,
 * then English, each with the outcome, every partner's answer, the text's hash and the head of the
 * audit chain (entry, time, short form, full hash) — the value they hold outside the database for
 * `audit:verify --head` (AUDIT4).
 */
export function composeConfirmation(d: ConfirmationData): { subject: string; text: string; html: string } {
  const adopted = d.round.status === 'adopted'
  const subject = `${adopted ? 'Texte adopté · Text adopted' : 'Proposition retirée · Proposal withdrawn'} — ${d.title} · ${d.workspaceName}`
  const fr = paragraphs(d, 'fr')
  const en = paragraphs(d, 'en')
  const text = [...fr.map((p) => p.join('\n')), '— English below / version anglaise ci-dessous —', ...en.map((p) => p.join('\n'))].join('\n\n')
  const e = escapeHtml
  const html = [
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${e(subject)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d2430;max-width:44rem">',
    ...(
      [
        ['fr', fr],
        ['en', en],
      ] as const
    ).map(
      ([lang, ps], i) =>
        `${i ? '<hr>' : ''}<div lang="${lang}">${ps.map((lines) => `<p style="white-space:pre-wrap">${lines.map(e).join('<br>')}</p>`).join('')}</div>`,
    ),
    '</body></html>',
  ].join('\n')
  return { subject, text, html }
}

export interface SignoffConfirmationsOptions {
  db: Kysely<Database>
  mailer: Mailer
  logger: Logger
  /** Public base URL of the server (the link in the mail). */
  baseUrl: string
}

/**
 * Sends the confirmation of a closed round to each partner's representative, through the mailer
 * (SMTP, or the outbox table without one). In the background: a slow mail server holds up no
 * answer; a mail that fails is logged and the others still go. `idle()` waits for what is in flight.
 */
export class SignoffConfirmations {
  private readonly inFlight = new Set<Promise<void>>()

  constructor(private readonly o: SignoffConfirmationsOptions) {}

  roundClosed(closed: RoundClosed): void {
    const task: Promise<void> = this.send(closed)
      .catch((err: unknown) => this.o.logger.error({ err, workspaceId: closed.workspaceId, roundId: closed.round.id }, 'sign-off confirmations not sent'))
      .finally(() => this.inFlight.delete(task))
    this.inFlight.add(task)
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight)
  }

  private async send(closed: RoundClosed): Promise<void> {
    const workspace = await this.o.db.selectFrom('workspace').select('name').where('id', '=', closed.workspaceId).executeTakeFirst()
    const recipients = await this.o.db
      .selectFrom('partner')
      .innerJoin('user', 'user.id', 'partner.representative_id')
      .select(['user.id', 'user.name', 'user.email'])
      .where('partner.workspace_id', '=', closed.workspaceId)
      .execute()
    const appUrl = `${this.o.baseUrl}/alliances/${encodeURIComponent(closed.workspaceId)}`
    const seen = new Set<string>()
    for (const recipient of recipients) {
      if (seen.has(recipient.id)) continue
      seen.add(recipient.id)
      const mail = composeConfirmation({ ...closed, workspaceName: workspace?.name ?? '', recipientName: recipient.name, appUrl })
      try {
        await this.o.mailer.send({ to: recipient.email, ...mail, headers: {} })
      } catch (err) {
        this.o.logger.error({ err, workspaceId: closed.workspaceId, userId: recipient.id }, 'sign-off confirmation not sent')
      }
    }
  }
}
