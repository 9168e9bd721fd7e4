import { createElement, Fragment, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentDiff, TextPart } from '@ensemble/shared'
import { withContentKeys } from '../../components/contentKeys.ts'

/** A block's text split at its line breaks (list items, table cells, paragraphs of a quote). */
function lines(parts: readonly TextPart[]): TextPart[][] {
  const out: TextPart[][] = [[]]
  for (const part of parts) {
    part.text.split('\n').forEach((piece, i) => {
      if (i > 0) out.push([])
      if (piece) out.at(-1)!.push({ ...part, text: piece })
    })
  }
  return out
}

const partContent = (part: TextPart) => `${part.op}:${part.text}`
const rowContent = (row: readonly TextPart[]) => row.map(partContent).join('|')

function Parts({ parts }: { parts: readonly TextPart[] }) {
  const { t } = useTranslation()
  return withContentKeys(parts, partContent).map(({ key, item: part }) =>
    part.op === 'insert' ? (
      <ins key={key} title={t('history.inserted')}>
        <span className="visually-hidden">{t('history.diff.insertedMark')}</span>
        {part.text}
      </ins>
    ) : part.op === 'delete' ? (
      <del key={key} title={t('history.deleted')}>
        <span className="visually-hidden">{t('history.diff.deletedMark')}</span>
        {part.text}
      </del>
    ) : (
      <span key={key}>{part.text}</span>
    ),
  )
}

const LISTS: Record<string, 'ul' | 'ol'> = { bulletList: 'ul', orderedList: 'ol', taskList: 'ul' }

/**
 * One block of the diff as the editor lays it out: a heading stays a heading (or, `flat`, a bold
 * paragraph under a heading of the page's own outline), a list a list.
 */
export function Block({ block, flat = false }: { block: DocumentDiff['blocks'][number]; flat?: boolean }): ReactNode {
  const props = { className: `diff-block diff-block--${block.status}`, 'data-type': block.type }
  const rows = withContentKeys(lines(block.parts), rowContent)
  const each = (tag: string) => rows.map(({ key, item: row }) => createElement(tag, { key }, <Parts parts={row} />))
  if (block.type === 'heading' && flat)
    return (
      <p {...props}>
        <strong>
          <Parts parts={block.parts} />
        </strong>
      </p>
    )
  if (block.type === 'heading') {
    const level = Math.min(3, Math.max(1, Number(block.attrs?.level) || 1))
    return createElement(`h${level}`, props, <Parts parts={block.parts} />)
  }
  if (LISTS[block.type]) return createElement(LISTS[block.type]!, props, each('li'))
  if (block.type === 'blockquote') return <blockquote {...props}>{each('p')}</blockquote>
  if (block.type === 'codeBlock')
    return (
      <pre {...props}>
        <Parts parts={block.parts} />
      </pre>
    )
  if (block.type === 'horizontalRule') return <hr {...props} />
  if (block.type === 'table') return <div {...props}>{each('p')}</div>
  return (
    <p {...props}>
      {rows.map(({ key, item: row }, i) => (
        <Fragment key={key}>
          {i > 0 && <br />}
          <Parts parts={row} />
        </Fragment>
      ))}
    </p>
  )
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value))

/**
 * The server's diff of two versions in the document's own layout: its blocks as headings,
 * paragraphs and lists, inserted words in <ins> and deleted ones in <del>, each also named for
 * screen readers; changes outside the text (title, status) listed after it.
 */
export function DiffView({ diff }: { diff: DocumentDiff }) {
  const { t } = useTranslation()
  const parts = diff.blocks.flatMap((b) => b.parts)
  const inserted = parts.filter((p) => p.op === 'insert').length
  const deleted = parts.filter((p) => p.op === 'delete').length
  return (
    <div className="diff-view">
      <p className="diff-view__summary" role="status">
        {inserted || deleted ? t('history.diff.summary', { inserted, deleted }) : t('history.diff.none')}
      </p>
      <div className="prose diff-view__text">
        {withContentKeys(diff.blocks, (block) => `${block.type}:${block.status}:${rowContent(block.parts)}`).map(({ key, item: block }) => (
          <Block key={key} block={block} />
        ))}
      </div>
      {(diff.omitted?.blocks ?? 0) + (diff.omitted?.entries ?? 0) > 0 && (
        <p className="diff-view__omitted">{t('history.diff.omitted', { count: diff.omitted!.blocks + diff.omitted!.entries })}</p>
      )}
      {diff.entries.length > 0 && (
        <>
          <h3>{t('history.diff.otherChanges')}</h3>
          <ul className="diff-view__entries">
            {diff.entries.map((e) => (
              <li key={`${e.root}/${e.key}`} className={`diff-entry diff-entry--${e.status}`}>
                {t('history.diff.entry', { root: e.root, key: e.key, before: shown(e.before), after: shown(e.after) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
