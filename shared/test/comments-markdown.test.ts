import { describe, expect, it } from 'vitest'
import { mentionToken, parseMentions, plainTextOf, renderMarkdownLight, stripControlCharacters } from '../src/index.ts'

const ALLOWED_TAGS = new Set(['strong', 'em', 'code', 'span', 'a', 'br'])
const ALLOWED_ATTRIBUTES = new Set(['class', 'data-mention', 'data-id', 'href', 'rel', 'target'])

/**
 * Reads the HTML like a browser's tokenizer would for these simple shapes: every tag must be an allowed
 * one with only allowed, double-quoted attributes (no quote inside a value), links only to http(s) or
 * mailto, and the text between tags must hold no `<` at all (it would open an element).
 */
function assertInert(html: string): void {
  const tags = [...html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)]
  for (const [, , name, rest] of tags) {
    expect(ALLOWED_TAGS.has(name!.toLowerCase()), html).toBe(true)
    const attributes = [...rest!.matchAll(/\s+([^\s=]+)="([^"]*)"/g)]
    expect(attributes.map((a) => a[0]).join(''), html).toBe(rest) // nothing but well-formed quoted attributes
    for (const [, attr, value] of attributes) {
      expect(ALLOWED_ATTRIBUTES.has(attr!), `${attr} in ${html}`).toBe(true)
      if (attr === 'href') expect(value, html).toMatch(/^(?:https?:\/\/|mailto:)/i)
    }
  }
  const text = html.replace(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g, '')
  expect(text, html).not.toMatch(/[<>]/)
}

describe('[COMM5] markdown-light renders safe HTML', () => {
  it('[COMM5] bold, italic, code, line breaks, autolinks and mentions', () => {
    expect(renderMarkdownLight('**gras** et *italique*')).toBe('<strong>gras</strong> et <em>italique</em>')
    expect(renderMarkdownLight('voir `art. 4 **x**`')).toBe('voir <code>art. 4 **x**</code>')
    expect(renderMarkdownLight('ligne 1\r\nligne 2')).toBe('ligne 1<br>ligne 2')
    expect(renderMarkdownLight('lien https://ensemble.example/a?b=1&c=2.')).toBe(
      'lien <a href="https://ensemble.example/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">https://ensemble.example/a?b=1&amp;c=2</a>.',
    )
    expect(renderMarkdownLight('écrire à mailto:claire@example.org')).toContain('<a href="mailto:claire@example.org" rel="noopener noreferrer"')
    expect(renderMarkdownLight('merci @[Claire Dupont](user:u_123) et @[Mairie](partner:p-9)')).toBe(
      'merci <span class="mention" data-mention="user" data-id="u_123">@Claire Dupont</span> et <span class="mention" data-mention="partner" data-id="p-9">@Mairie</span>',
    )
  })

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    'javascript:alert(1)',
    'https://a.example/"onmouseover="alert(1)',
    "https://a.example/'onmouseover='alert(1)",
    'https://a.example/<script>alert(1)</script>',
    '@[<img src=x onerror=alert(1)>](user:abc)',
    '@[x" onclick="alert(1)](user:abc)',
    '**<svg onload=alert(1)>**',
    '`</code><script>alert(1)</script>`',
    'mailto:javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '<style>body{display:none}</style>',
    '"><iframe src=javascript:alert(1)>',
    '\u0001\u00022\u0001\u0002 <b>x</b>',
  ])('[COMM5] %s renders inert', (payload) => {
    const html = renderMarkdownLight(payload)
    assertInert(html)
  })

  it('[COMM5] raw HTML stays visible as text', () => {
    expect(renderMarkdownLight('<b>x</b>')).toBe('&lt;b&gt;x&lt;/b&gt;')
    expect(renderMarkdownLight('[x](javascript:alert(1))')).toBe('[x](javascript:alert(1))')
  })

  it('[COMM5] control characters and bidi overrides are stripped; tab and line feed kept', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\u202Ed\te\r\nf\u0085')).toBe('abcd\te\nf')
  })

  it('[COMM3] mention tokens are parsed in order, with their kind, id and label', () => {
    const body = `bonjour ${mentionToken('user', 'u1', 'Claire [C]')} et ${mentionToken('partner', 'p1', 'Mairie')} @[bad](group:x)`
    expect(parseMentions(body)).toEqual([
      { kind: 'user', id: 'u1', label: 'Claire C' },
      { kind: 'partner', id: 'p1', label: 'Mairie' },
    ])
    expect(plainTextOf(body)).toBe('bonjour @Claire C et @Mairie @[bad](group:x)')
  })
})
