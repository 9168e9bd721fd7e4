import { newId } from '@ensemble/shared'
import type { Kysely } from 'kysely'
import { createTransport } from 'nodemailer'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../domain/clock.ts'

export interface Mail {
  to: string
  subject: string
  text: string
  html: string
  /** Extra headers, e.g. List-Unsubscribe. */
  headers: Record<string, string>
}

/** Where mail goes: an SMTP server (SMTP_URL), or the local outbox table. */
export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  send(mail: Mail): Promise<void>
  close(): void
}

/** Mail kept in the `mail_outbox` table, for development and for servers without SMTP (listed at /dev/outbox). */
export class OutboxMailer implements Mailer {
  readonly kind = 'outbox'
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async send(mail: Mail): Promise<void> {
    await this.db
      .insertInto('mail_outbox')
      .values({
        id: newId(),
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        headers: JSON.stringify(mail.headers),
        created_at: this.clock().toISOString(),
      })
      .execute()
  }

  close(): void {}
}

/** Mail through an SMTP server with nodemailer (`smtp://user:pass@host:587`, `smtps://…`). */
export class SmtpMailer implements Mailer {
  readonly kind = 'smtp'
  private readonly transport

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl)
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers })
  }

  close(): void {
    this.transport.close()
  }
}

export function createMailer(options: { smtpUrl: string | null; mailFrom: string; db: Kysely<Database>; clock: Clock }): Mailer {
  return options.smtpUrl ? new SmtpMailer(options.smtpUrl, options.mailFrom) : new OutboxMailer(options.db, options.clock)
}
