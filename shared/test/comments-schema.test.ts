import { describe, expect, it } from 'vitest'
import { COMMENT_LIMITS, commentMessageInputSchema, createCommentThreadSchema, listCommentThreadsQuerySchema } from '../src/index.ts'

const issuePath = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues[0]?.path.join('.')

describe('[COMM1] comment thread targets', () => {
  it('[COMM1] a document thread names a text document; action, field, body and decision threads name their entity', () => {
    expect(
      createCommentThreadSchema.parse({ targetKind: 'document', docName: 'agreement', anchor: { from: 'AAE=', to: 'AQI=', quote: 'article 3' }, body: 'ok' }),
    ).toMatchObject({
      targetKind: 'document',
      docName: 'agreement',
      targetId: null,
      field: null,
      anchor: { quote: 'article 3' },
    })
    expect(createCommentThreadSchema.parse({ targetKind: 'action', targetId: 'act-1', body: 'ok' })).toMatchObject({
      docName: 'plan',
      targetId: 'act-1',
      field: null,
    })
    expect(createCommentThreadSchema.parse({ targetKind: 'action_field', targetId: 'act-1', field: 'deadline', body: 'ok' })).toMatchObject({
      docName: 'plan',
      field: 'deadline',
    })
    expect(createCommentThreadSchema.parse({ targetKind: 'body', targetId: 'copil', body: 'ok' })).toMatchObject({ docName: 'governance' })
    expect(createCommentThreadSchema.parse({ targetKind: 'decision', docName: 'governance', targetId: 'd1', body: 'ok' })).toMatchObject({
      docName: 'governance',
    })
    expect(createCommentThreadSchema.parse({ targetKind: 'document', docName: 'minutes:m1', body: 'ok' })).toMatchObject({ anchor: null })
  })

  it.each([
    [{ targetKind: 'document', docName: 'plan', body: 'x' }, 'docName'],
    [{ targetKind: 'document', docName: '../etc', body: 'x' }, 'docName'],
    [{ targetKind: 'document', body: 'x' }, 'docName'],
    [{ targetKind: 'action', body: 'x' }, 'targetId'],
    [{ targetKind: 'action', targetId: 'a/b', body: 'x' }, 'targetId'],
    [{ targetKind: 'action', docName: 'governance', targetId: 'a', body: 'x' }, 'docName'],
    [{ targetKind: 'action_field', targetId: 'a', body: 'x' }, 'field'],
    [{ targetKind: 'action_field', targetId: 'a', field: 'constructor', body: 'x' }, 'field'],
    [{ targetKind: 'body', targetId: 'a', field: 'title', body: 'x' }, 'field'],
    [{ targetKind: 'milestone', targetId: 'a', body: 'x' }, 'targetKind'],
    [{ targetKind: 'document', docName: 'charter', anchor: { from: '<script>' }, body: 'x' }, 'anchor.from'],
    [{ targetKind: 'document', docName: 'charter', anchor: { quote: 'q', evil: 1 }, body: 'x' }, 'anchor'],
    [{ targetKind: 'document', docName: 'charter', body: ' \u0000\u0007 ' }, 'body'],
    [{ targetKind: 'document', docName: 'charter', body: 'x'.repeat(COMMENT_LIMITS.bodyLength + 1) }, 'body'],
  ])('[COMM1] %j is refused on %s', (input, path) => {
    const r = createCommentThreadSchema.safeParse(input)
    expect(r.success).toBe(false)
    expect(issuePath(r)).toBe(path)
  })

  it('[COMM5] bodies lose control characters and surrounding blanks, and keep everything else as text', () => {
    expect(commentMessageInputSchema.parse({ body: '  <script>\u0000alert(1)</script>\r\n ' }).body).toBe('<script>alert(1)</script>')
    expect(commentMessageInputSchema.parse({ body: 'x'.repeat(COMMENT_LIMITS.bodyLength) }).body).toHaveLength(COMMENT_LIMITS.bodyLength)
  })

  it('[COMM1] list filters are validated', () => {
    expect(listCommentThreadsQuerySchema.parse({ docName: 'plan', targetKind: 'action', targetId: 'a1', status: 'open' })).toBeTruthy()
    expect(listCommentThreadsQuerySchema.safeParse({ docName: 'nope' }).success).toBe(false)
    expect(listCommentThreadsQuerySchema.safeParse({ status: 'closed' }).success).toBe(false)
  })
})
