import { byQuadrant, DIAGNOSTIC_QUADRANTS, type DiagnosticItem, type DiagnosticQuadrant, type SharedDiagnosticItem } from '@ensemble/shared'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LiveField } from '../objectives/LiveField.tsx'
import { type DiagRoot, removeItem, setItemField } from './diagnosticWrites.ts'
import { checkItemChange } from './itemRules.ts'
import type { DiagnosticPageContext } from './pageContext.ts'

type Entry = DiagnosticItem | SharedDiagnosticItem

interface MatrixViewProps {
  page: DiagnosticPageContext
  root: DiagRoot
  /** Who the matrix is (a partner's name, or « matrice commune »): part of each list's name. */
  owner: string
  entries: Record<string, Entry>
  editable: boolean
  /** Adds a point of this quadrant; absent when the member does not write this matrix. */
  onAdd?: (quadrant: DiagnosticQuadrant, text: string) => void
  /** « Ajouter à la matrice commune » on each point, for steering. */
  onPick?: (id: string, item: DiagnosticItem) => void
  testId: string
}

/** A MOFF matrix as four quadrants, each a labelled list of points, editable or read-only. */
export function MatrixView({ page, root, owner, entries, editable, onAdd, onPick, testId }: MatrixViewProps) {
  const grouped = byQuadrant(entries)
  return (
    <div className="diagnostic__matrix" data-testid={testId}>
      {DIAGNOSTIC_QUADRANTS.map((quadrant) => (
        <Quadrant
          key={quadrant}
          page={page}
          root={root}
          owner={owner}
          quadrant={quadrant}
          entries={grouped[quadrant]}
          editable={editable}
          onAdd={onAdd}
          onPick={onPick}
        />
      ))}
    </div>
  )
}

function Quadrant(props: Omit<MatrixViewProps, 'entries' | 'testId'> & { quadrant: DiagnosticQuadrant; entries: [string, Entry][] }) {
  const { page, root, owner, quadrant, entries, editable, onAdd, onPick } = props
  const { t } = useTranslation()
  const headingId = useId()
  const name = t(`diagnostic.quadrants.${quadrant}`)
  return (
    <section className={`diagnostic__quadrant diagnostic__quadrant--${quadrant}`} aria-labelledby={headingId}>
      <h4 id={headingId}>{name}</h4>
      <p className="diagnostic__hint">{t(`diagnostic.quadrantHints.${quadrant}`)}</p>
      {entries.length === 0 ? (
        <p className="diagnostic__empty">{t('diagnostic.empty')}</p>
      ) : (
        <ul aria-label={t('diagnostic.listLabel', { quadrant: name, owner })} data-testid={`${root}-${quadrant}`}>
          {entries.map(([id, entry]) => (
            <ItemRow key={id} page={page} root={root} id={id} entry={entry} editable={editable} onPick={onPick} />
          ))}
        </ul>
      )}
      {editable && onAdd && <AddItem quadrant={quadrant} label={t('diagnostic.newItem', { quadrant: name })} onAdd={onAdd} />}
    </section>
  )
}

function ItemRow({
  page,
  root,
  id,
  entry,
  editable,
  onPick,
}: {
  page: DiagnosticPageContext
  root: DiagRoot
  id: string
  entry: Entry
  editable: boolean
  onPick?: MatrixViewProps['onPick']
}) {
  const { t } = useTranslation()
  const check = (change: Record<string, unknown>) => checkItemChange(root, id, entry, change, page.partners)
  const source = 'sourcePartnerId' in entry && entry.sourcePartnerId !== null ? entry.sourcePartnerId : null
  const picked = root === 'items' && Object.values(page.snapshot.shared).some((s) => s.sourceItemId === id)
  return (
    <li className="diagnostic__item">
      {editable ? (
        <>
          <LiveField
            kind="text"
            label={t('diagnostic.itemText')}
            value={entry.text}
            readOnly={false}
            validate={(text) => check({ text })}
            onCommit={(text) => setItemField(page.doc, root, id, 'text', text)}
          />
          <LiveField
            kind="textarea"
            label={t('diagnostic.itemDetail')}
            value={entry.detail}
            readOnly={false}
            validate={(detail) => check({ detail })}
            onCommit={(detail) => setItemField(page.doc, root, id, 'detail', detail)}
          />
          <button
            type="button"
            className="button--secondary"
            aria-label={t('diagnostic.removeLabel', { text: entry.text })}
            onClick={() => removeItem(page.doc, root, id)}
          >
            {t('diagnostic.remove')}
          </button>
        </>
      ) : (
        <>
          <span className="diagnostic__text">{entry.text}</span>
          {entry.detail && <p className="diagnostic__detail">{entry.detail}</p>}
        </>
      )}
      {source && <p className="diagnostic__source">{t('diagnostic.fromPartner', { partner: page.partnerName(source) })}</p>}
      {onPick &&
        root === 'items' &&
        (picked ? (
          <p className="diagnostic__source">{t('diagnostic.inShared')}</p>
        ) : (
          <button
            type="button"
            className="button--secondary"
            aria-label={t('diagnostic.addToSharedLabel', { text: entry.text })}
            onClick={() => onPick(id, entry as DiagnosticItem)}
          >
            {t('diagnostic.addToShared')}
          </button>
        ))}
    </li>
  )
}

function AddItem({ quadrant, label, onAdd }: { quadrant: DiagnosticQuadrant; label: string; onAdd: (quadrant: DiagnosticQuadrant, text: string) => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const submit = () => {
    const trimmed = text.trim()
    if (!trimmed) return
    onAdd(quadrant, trimmed.slice(0, 500))
    setText('')
  }
  return (
    <form
      className="diagnostic__add"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" maxLength={500} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit">{t('diagnostic.add')}</button>
    </form>
  )
}
