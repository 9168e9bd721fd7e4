import { escapeHtml } from '@ensemble/shared'

/** A mail's HTML document: the French section, a rule, then the English one (French first). */
export function bilingualHtml(subject: string, frSection: string, enSection: string): string {
  return [
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    frSection,
    '<hr>',
    enSection,
    '</body></html>',
  ].join('\n')
}
