import { describe, expect, it } from 'vitest'
import { docKind, isDocName, minutesDocName, RICH_TEXT_DOCS } from '../src/index.ts'

describe('[DOC1] docKind names the documents of a workspace and nothing else', () => {
  it.each([
    ['vision', 'richText'],
    ['charter', 'richText'],
    ['agreement', 'richText'],
    ['convention', 'richText'],
    ['plan', 'plan'],
    ['governance', 'governance'],
    ['diagnostic', 'diagnostic'],
    ['minutes:abc', 'minutes'],
    ['minutes:Meeting_2026-01', 'minutes'],
    [`minutes:${'m'.repeat(64)}`, 'minutes'],
  ])('[DOC1] %s is a %s document', (name, kind) => {
    expect(docKind(name)).toBe(kind)
    expect(isDocName(name)).toBe(true)
  })

  it.each([
    ['../plan'],
    ['plan/x'],
    ['vision\0'],
    ['\0vision'],
    ['Plan'],
    [' plan'],
    [''],
    ['minutes:'],
    ['minutes'],
    ['minutes:../plan'],
    ['minutes:a/b'],
    ['minutes:a b'],
    [`minutes:${'m'.repeat(65)}`],
    ['x'.repeat(200)],
    [`minutes:${'a'.repeat(192)}`],
    ['__proto__'],
    ['constructor'],
  ])('[DOC1] rejects %j', (name) => {
    expect(docKind(name)).toBeNull()
    expect(isDocName(name)).toBe(false)
  })

  it('[DOC1] minutesDocName builds a name docKind accepts', () => {
    expect(docKind(minutesDocName('abc'))).toBe('minutes')
    expect(RICH_TEXT_DOCS).toEqual(['vision', 'charter', 'agreement', 'convention'])
  })
})
