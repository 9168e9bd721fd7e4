import { nextDigestAt } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { composeDigest, isEmptyDigest, type DigestData } from '../src/domain/digest/compose.ts'
import { readUnsubscribeToken, unsubscribeToken } from '../src/domain/digest/unsubscribeToken.ts'

const base: DigestData = {
  language: 'fr',
  frequency: 'weekly',
  workspaceName: 'Alliance <Littoral> & Co',
  recipientName: 'Bruno "B" Petit',
  from: '2030-03-04T09:00:00.000Z',
  to: '2030-03-11T06:00:00.000Z',
  dueActions: [
    { title: 'Classes de mer', deadline: '2030-03-08', overdue: true, role: 'accountable', status: 'in_progress' },
    { title: 'Fête du port', deadline: '2030-03-15', overdue: false, role: 'responsible', status: 'planned' },
  ],
  documents: [
    { docName: 'charter', edits: 1, editors: ['Alice Martin'], comments: 0 },
    { docName: 'plan', edits: 12, editors: ['Alice Martin', 'Chloé Durand'], comments: 2 },
    { docName: 'minutes:m1', edits: 0, editors: [], comments: 1 },
  ],
  actions: [{ title: 'Classes de mer', fields: ['deadline', 'title'], editor: 'Alice Martin' }],
  messages: [{ kind: 'mention', author: 'Damien <b>Roux</b>', docName: 'plan', excerpt: '<script>alert(1)</script> **gras**' }],
  appUrl: 'https://ensemble.example/alliances/w1',
  unsubscribeUrl: 'https://ensemble.example/api/unsubscribe?token=abc.def&x="y"',
}

const lines = (text: string) => text.split('\n')

describe('digest composer (pure)', () => {
  it('[COMM22] French: subject, greeting, own due actions first, then by document, by action, mentions; same data, same mail', () => {
    const mail = composeDigest(base)
    expect(mail.subject).toBe('Résumé de la semaine · Alliance <Littoral> & Co')
    expect(lines(mail.text).slice(0, 2)).toEqual(['Bonjour Bruno "B" Petit,', 'voici ce qui a changé dans l’alliance du 4 mars 2030 au 11 mars 2030.'])
    const body = lines(mail.text)
    const at = (h: string) => body.indexOf(h)
    expect(at('Vos actions à échéance')).toBe(3)
    expect(body.slice(4, 6)).toEqual([
      '- Classes de mer — en retard, échéance le 8 mars 2030 · responsable (A)',
      '- Fête du port — échéance le 15 mars 2030 · réalisateur (R)',
    ])
    expect(at('Par document')).toBeGreaterThan(at('Vos actions à échéance'))
    expect(body).toContain('- Plan d’action — 12 modifications par Alice Martin et Chloé Durand · 2 nouveaux commentaires')
    expect(body).toContain('- Charte partenariale — 1 modification par Alice Martin')
    expect(body).toContain('- Compte rendu — 1 nouveau commentaire')
    expect(at('Par action')).toBeGreaterThan(at('Par document'))
    expect(body).toContain('- Classes de mer — échéance et intitulé modifié par Alice Martin')
    expect(at('Mentions et réponses')).toBeGreaterThan(at('Par action'))
    expect(body).toContain('- Damien <b>Roux</b> vous a mentionné (Plan d’action) : « <script>alert(1)</script> **gras** »')
    expect(mail.text).toContain(`Se désabonner des résumés: ${base.unsubscribeUrl}`)
    expect(composeDigest(base)).toEqual(mail)
  })

  it('[COMM22] English: the same sections in English, dates in English', () => {
    const mail = composeDigest({ ...base, language: 'en', frequency: 'daily' })
    expect(mail.subject).toBe('Daily digest · Alliance <Littoral> & Co')
    const body = lines(mail.text)
    expect(body.slice(0, 6)).toEqual([
      'Hello Bruno "B" Petit,',
      'here is what changed in the alliance from 4 March 2030 to 11 March 2030.',
      '',
      'Your actions due',
      '- Classes de mer — overdue, due 8 March 2030 · accountable (A)',
      '- Fête du port — due 15 March 2030 · responsible (R)',
    ])
    expect(body).toContain('- Action plan — 12 edits by Alice Martin and Chloé Durand · 2 new comments')
    expect(body).toContain('- Classes de mer — deadline and title changed by Alice Martin')
    expect(body).toContain('- Damien <b>Roux</b> mentioned you (Action plan): “<script>alert(1)</script> **gras**”')
    expect(mail.html).toContain('<html lang="en">')
  })

  it('[COMM24] the HTML part escapes every piece of user text and attribute', () => {
    const { html } = composeDigest(base)
    expect(html).not.toMatch(/<script|<b>/)
    expect(html).toContain('Damien &lt;b&gt;Roux&lt;/b&gt;')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('<title>Résumé de la semaine · Alliance &lt;Littoral&gt; &amp; Co</title>')
    expect(html).toContain('href="https://ensemble.example/api/unsubscribe?token=abc.def&amp;x=&quot;y&quot;"')
  })

  it('[COMM22] sections with nothing to say are left out; an empty digest is recognised (and not sent)', () => {
    const quiet = { ...base, dueActions: [], documents: [], actions: [], messages: [] }
    expect(isEmptyDigest(quiet)).toBe(true)
    expect(isEmptyDigest(base)).toBe(false)
    const onlyDue = composeDigest({ ...quiet, dueActions: base.dueActions })
    expect(onlyDue.text).toContain('Vos actions à échéance')
    expect(onlyDue.text).not.toMatch(/Par document|Par action|Mentions et réponses/)
  })

  it('[COMM22] digest times: the next 06:00 UTC after the period start, Mondays for weekly digests', () => {
    expect(nextDigestAt(new Date('2030-03-04T09:00:00Z'), 'daily').toISOString()).toBe('2030-03-05T06:00:00.000Z')
    expect(nextDigestAt(new Date('2030-03-04T05:00:00Z'), 'daily').toISOString()).toBe('2030-03-04T06:00:00.000Z')
    expect(nextDigestAt(new Date('2030-03-04T06:00:00Z'), 'daily').toISOString()).toBe('2030-03-05T06:00:00.000Z')
    expect(nextDigestAt(new Date('2030-03-04T09:00:00Z'), 'weekly').toISOString()).toBe('2030-03-11T06:00:00.000Z')
    expect(nextDigestAt(new Date('2030-03-10T23:00:00Z'), 'weekly').toISOString()).toBe('2030-03-11T06:00:00.000Z')
    expect(nextDigestAt(new Date('2030-03-11T06:00:00Z'), 'weekly').toISOString()).toBe('2030-03-18T06:00:00.000Z')
  })

  it('[COMM23] unsubscribe tokens name the member, verify only with the secret that signed them, and refuse tampering', () => {
    const secret = 'a-server-secret-of-at-least-32-characters'
    const token = unsubscribeToken(secret, 'w1', 'u1')
    expect(readUnsubscribeToken(secret, token)).toEqual({ workspaceId: 'w1', userId: 'u1' })
    expect(readUnsubscribeToken(`${secret}!`, token)).toBeNull()
    const [payload, signature] = token.split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify(['w1', 'someone-else'])).toString('base64url')
    expect(readUnsubscribeToken(secret, `${forged}.${signature}`)).toBeNull()
    expect(readUnsubscribeToken(secret, `${payload}.`)).toBeNull()
    expect(readUnsubscribeToken(secret, `${payload}.${signature}.x`)).toBeNull()
    expect(readUnsubscribeToken(secret, 'garbage')).toBeNull()
  })
})
