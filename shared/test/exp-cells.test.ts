import { describe, expect, it } from 'vitest'
import { type Cell, neutraliseCell, parseExportFile, toCsv } from '../src/index.ts'

/** EXP3: what a spreadsheet would evaluate comes out inert; numbers stay numbers. Each case with its expected cell. */
const NEUTRALISED: [label: string, cell: Cell, expected: Cell][] = [
  ['a formula', '=HYPERLINK("http://evil.example","clic")', `'=HYPERLINK("http://evil.example","clic")`],
  ['a plus sign', '+33 1 23 45 67 89', `'+33 1 23 45 67 89`],
  ['a minus sign', '-2+3', `'-2+3`],
  ['an at sign (Lotus / DDE)', '@SUM(A1:A2)', `'@SUM(A1:A2)`],
  ['a leading tab', '\t=1+1', `'\t=1+1`],
  ['a leading carriage return', '\r=1+1', `'\r=1+1`],
  ['plain text', 'Atelier de quartier', 'Atelier de quartier'],
  ['an equals sign inside', 'a = b', 'a = b'],
  ['a leading space then a formula (Excel does not evaluate it)', ' =1', ' =1'],
  ['an empty string', '', ''],
  ['a negative number', -12.5, -12.5],
  ['a positive number', 300, 300],
  ['zero', 0, 0],
  ['yes', true, true],
  ['empty', null, null],
]

describe('EXP3 formula injection', () => {
  it.each(NEUTRALISED)('EXP3 %s', (_label, cell, expected) => {
    expect(neutraliseCell(cell)).toEqual(expected)
  })
})

/** EXP2: French Excel's CSV, each case with the exact line written. */
const CSV_LINES: [label: string, row: Cell[], line: string][] = [
  ['plain cells', ['Atelier', 'Lyon'], 'Atelier;Lyon'],
  ['a separator inside is quoted', ['a;b', 'c'], '"a;b";c'],
  ['a quote is doubled inside quotes', ['dit "oui"', 'x'], '"dit ""oui""";x'],
  ['a line break is quoted', ['ligne 1\nligne 2'], '"ligne 1\nligne 2"'],
  ['a comma needs no quotes', ['a, b'], 'a, b'],
  ['numbers with a decimal comma', [3.5, -2, 0], '3,5;-2;0'],
  ['empty and yes/no', [null, true, false], ';oui;non'],
  ['a formula neutralised', ['=1+1', '-x'], `'=1+1;'-x`],
  ['a formula with a separator: neutralised then quoted', ['=A1;B1'], `"'=A1;B1"`],
]

describe('EXP2 CSV for French Excel', () => {
  it.each(CSV_LINES)('EXP2 %s', (_label, row, line) => {
    expect(toCsv({ name: 't', columns: ['h'], rows: [row] })).toBe(`\uFEFFh\r\n${line}\r\n`)
  })
})

const FILES: [name: string, parsed: ReturnType<typeof parseExportFile>][] = [
  ['plan.csv', { kind: 'table', report: 'plan', format: 'csv' }],
  ['indicators.xlsx', { kind: 'table', report: 'indicators', format: 'xlsx' }],
  ['bilan-annuel-2026.pdf', { kind: 'review', year: 2026, format: 'pdf' }],
  ['bilan-annuel-2026.docx', { kind: 'review', year: 2026, format: 'docx' }],
  ['bilan-annuel-1999.pdf', null],
  ['bilan-annuel-26.pdf', null],
  ['plan.pdf', null],
  ['../plan.csv', null],
  ['balance.csv', { kind: 'table', report: 'balance', format: 'csv' }],
  ['budget.csv', null],
]

describe('EXP1 export file names', () => {
  it.each(FILES)('EXP1 %s', (name, parsed) => {
    expect(parseExportFile(name)).toEqual(parsed)
  })
})
