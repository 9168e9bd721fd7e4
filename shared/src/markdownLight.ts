/**
 * Markdown-light: the source format of comment bodies, and its renderer to safe HTML.
 *
 * Pure and total (no DOM, no I/O): the client renders comments with it and the email digests will too.
 * Everything is HTML-escaped first; only then are a few constructs turned into markup:
 *   **bold**, *italic*, `code`, line breaks, autolinks for http(s):// and mailto: (with
 *   rel="noopener noreferrer"), and mention tokens `@[Display Name](user:<id>)` / `@[Partner](partner:<id>)`
 *   as `<span class="mention">`. Anything else (raw HTML, markdown links, images) stays visible text.
 */

/** C0/C1 controls except tab and line feed, and the bidi overrides used to disguise text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Normalises line endings to `\n` and removes control characters (tab and line feed are kept). */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '')
}

export type MentionKind = 'user' | 'partner'
export interface MentionToken {
  kind: MentionKind
  id: string
  label: string
}

/** `@[Label](user:id)` or `@[Label](partner:id)`; the label holds no bracket or line break. */
const MENTION = /@\[([^[\]\n]{1,200})\]\((user|partner):([A-Za-z0-9_-]{1,64})\)/g

/** The mention tokens of a body, in order of appearance (duplicates kept). */
export function parseMentions(source: string): MentionToken[] {
  return [...stripControlCharacters(source).matchAll(MENTION)].map((m) => ({ kind: m[2] as MentionKind, id: m[3]!, label: m[1]! }))
}

/** A mention token as the client's autocomplete writes it (brackets in the label are dropped). */
export function mentionToken(kind: MentionKind, id: string, label: string): string {
  return `@[${label.replace(/[[\]\n]/g, '').trim() || id}](${kind}:${id})`
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)

/**
 * Autolinks, matched on already-escaped text: a URL runs until whitespace or an escaped quote/angle
 * bracket, so it can never leave its attribute. Trailing punctuation is left outside the link.
 */
const URL_IN_ESCAPED = /\b(?:https?:\/\/|mailto:)(?:(?!&quot;|&#39;|&lt;|&gt;)[^\s])+/gi
const TRAILING = /(?:[.,;:!?)\]*]|&#39;|&quot;)+$/

/** Private-use placeholders for already-rendered fragments (control characters cannot occur in input). */
const SLOT = (i: number) => `\u0001${i}\u0002`
const SLOT_RE = /\u0001(\d+)\u0002/g

function renderSegment(escaped: string, slots: string[]): string {
  const keep = (html: string) => SLOT(slots.push(html) - 1)
  let out = escaped.replace(/@\[([^[\]\n]{1,200})\]\((user|partner):([A-Za-z0-9_-]{1,64})\)/g, (_m, label: string, kind: string, id: string) =>
    keep(`<span class="mention" data-mention="${kind}" data-id="${id}">@${label}</span>`),
  )
  out = out.replace(URL_IN_ESCAPED, (url: string) => {
    const trail = TRAILING.exec(url)?.[0] ?? ''
    const href = trail ? url.slice(0, -trail.length) : url
    if (!/^(?:https?:\/\/[^/\s]|mailto:[^\s]+@)/i.test(href)) return url
    return keep(`<a href="${href}" rel="noopener noreferrer" target="_blank">${href}</a>`) + trail
  })
  out = out.replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '<strong>$1</strong>')
  out = out.replace(/\*(?=\S)([^*\n]*?\S)\*/g, '<em>$1</em>')
  return out
}

/** Renders a markdown-light source to HTML that is safe to insert as innerHTML. */
export function renderMarkdownLight(source: string): string {
  const text = stripControlCharacters(source)
  const slots: string[] = []
  const html = text
    .split('\n')
    .map((line) =>
      // Code spans first: their content is shown verbatim, with no formatting inside.
      line
        .split(/(`[^`\n]+`)/)
        .map((part, i) => (i % 2 === 1 ? SLOT(slots.push(`<code>${escapeHtml(part.slice(1, -1))}</code>`) - 1) : renderSegment(escapeHtml(part), slots)))
        .join(''),
    )
    .join('<br>')
  return html.replace(SLOT_RE, (_m, i: string) => slots[Number(i)]!)
}

/** The body as plain text (mentions as `@Label`, markup kept as typed): for excerpts and emails' text part. */
export function plainTextOf(source: string): string {
  return stripControlCharacters(source).replace(MENTION, (_m, label: string) => `@${label}`)
}
