import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { RULES } from '@ensemble/shared'

/**
 * docs/RULES.md §5 is the rules catalogue (shared/src/rules/catalogue.ts) rendered: the statements
 * exist once. `pnpm --filter @ensemble/test rules:doc` rewrites the part between the markers;
 * test/unit/rules-doc.test.ts fails when it is out of date.
 */
export const RULES_DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/RULES.md')
const BEGIN = '<!-- rules:begin (generated from shared/src/rules/catalogue.ts: pnpm --filter @ensemble/test rules:doc) -->'
const END = '<!-- rules:end -->'

const GROUPS: [title: string, prefix: string][] = [
  ['Permissions', 'PERM'],
  ['Validation', 'VAL'],
  ['Objectives', 'OBJ'],
  ['Indicators', 'IND'],
  ['Evaluation questions', 'EVQ'],
  ['The partners’ balance', 'BAL'],
  ['The internal diagnostic', 'DIAG'],
  ['The formalised project', 'PROJ'],
  ['The map of actors', 'MAP'],
]

/** The rules as markdown, grouped by kind, in id order. */
export function renderRules(): string {
  const ids = Object.keys(RULES) as (keyof typeof RULES)[]
  const number = (id: string) => Number(id.replace(/\D+/g, ''))
  return GROUPS.map(([title, prefix]) => {
    const lines = ids
      .filter((id) => id.replace(/\d+$/, '') === prefix)
      .sort((a, b) => number(a) - number(b))
      .map((id) => `- **${id}** ${RULES[id].en}`)
    return `${title}:\n\n${lines.join('\n')}`
  }).join('\n\n')
}

/** RULES.md with its generated part replaced by `rules` (throws if the markers are missing). */
export function withRules(markdown: string, rules = renderRules()): string {
  const begin = markdown.indexOf(BEGIN)
  const end = markdown.indexOf(END)
  if (begin < 0 || end < begin) throw new Error(`docs/RULES.md lacks the markers ${BEGIN} … ${END}`)
  return `${markdown.slice(0, begin + BEGIN.length)}\n\n${rules}\n\n${markdown.slice(end)}`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(RULES_DOC, withRules(readFileSync(RULES_DOC, 'utf8')))
  process.stdout.write(`${RULES_DOC} rewritten from the rules catalogue\n`)
}
