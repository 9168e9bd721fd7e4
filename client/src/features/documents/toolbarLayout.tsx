import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** One button of the formatting toolbar as it looks: what it does lives in EditorToolbar.tsx. */
export interface ToolLayout {
  key: ToolKey
  label: string
  content: ReactNode
  shortcut?: string
}

export type ToolKey =
  | 'p'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'bold'
  | 'italic'
  | 'ul'
  | 'ol'
  | 'link'
  | 'unlink'
  | 'table'
  | 'row+'
  | 'row-'
  | 'col+'
  | 'col-'
  | 'table-'
  | 'undo'
  | 'redo'

/**
 * The toolbar's groups and buttons, free of the editor's code: the editor's toolbar gives them their
 * behaviour, and a document's first screen keeps their place before the editor has loaded.
 */
export function toolbarLayout(t: TFunction): { label: string; items: ToolLayout[] }[] {
  return [
    {
      label: t('documents.toolbar'),
      items: [
        { key: 'p', label: t('documents.paragraph'), content: '¶', shortcut: 'Control+Alt+0' },
        ...([1, 2, 3] as const).map(
          (level): ToolLayout => ({
            key: `h${level}`,
            label: t('documents.heading', { level }),
            content: t('documents.headingShort', { level }),
            shortcut: `Control+Alt+${level}`,
          }),
        ),
        { key: 'bold', label: t('documents.bold'), content: <b>{t('documents.boldShort')}</b>, shortcut: 'Control+B' },
        { key: 'italic', label: t('documents.italic'), content: <i>{t('documents.italicShort')}</i>, shortcut: 'Control+I' },
        { key: 'ul', label: t('documents.bulletList'), content: t('documents.bulletListShort'), shortcut: 'Control+Shift+8' },
        { key: 'ol', label: t('documents.orderedList'), content: t('documents.orderedListShort'), shortcut: 'Control+Shift+7' },
        { key: 'link', label: t('documents.link'), content: t('documents.link'), shortcut: 'Control+K' },
        { key: 'unlink', label: t('documents.unlink'), content: t('documents.unlink') },
      ],
    },
    {
      label: t('documents.tableGroup'),
      items: [
        { key: 'table', label: t('documents.insertTable'), content: t('documents.table') },
        { key: 'row+', label: t('documents.addRowAfter'), content: t('documents.addRowShort') },
        { key: 'row-', label: t('documents.deleteRow'), content: t('documents.deleteRowShort') },
        { key: 'col+', label: t('documents.addColumnAfter'), content: t('documents.addColumnShort') },
        { key: 'col-', label: t('documents.deleteColumn'), content: t('documents.deleteColumnShort') },
        { key: 'table-', label: t('documents.deleteTable'), content: `× ${t('documents.table')}` },
      ],
    },
    {
      label: t('documents.historyGroup'),
      items: [
        { key: 'undo', label: t('documents.undo'), content: '↶', shortcut: 'Control+Z' },
        { key: 'redo', label: t('documents.redo'), content: '↷', shortcut: 'Control+Shift+Z' },
      ],
    },
  ]
}

/** The toolbar's strip with its buttons' places, hidden from everyone until the editor's toolbar replaces it. */
export function ToolbarPlaceholder() {
  const { t } = useTranslation()
  return (
    <div className="toolbar" aria-hidden="true">
      {toolbarLayout(t).map((group) => (
        <div key={group.label} className="toolbar__group">
          {group.items.map((item) => (
            <button key={item.key} type="button" className="toolbar__button placeholder" disabled tabIndex={-1}>
              {item.content}
            </button>
          ))}
        </div>
      ))}
    </div>
  )
}
