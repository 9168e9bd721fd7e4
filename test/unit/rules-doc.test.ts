import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RULES_DOC, withRules } from '../tools/rulesDoc.ts'

describe('the rules are stated once', () => {
  it('[DOC2] docs/RULES.md §5 is the rules catalogue rendered (run `pnpm --filter @ensemble/test rules:doc` after changing it)', () => {
    const markdown = readFileSync(RULES_DOC, 'utf8')
    expect(markdown).toBe(withRules(markdown))
  })
})
