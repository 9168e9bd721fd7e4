import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface ToolItem {
  key: string
  label: string
  content: ReactNode
  shortcut?: string
  /** Toggle buttons say whether the format is on (aria-pressed); action buttons leave it out. */
  pressed?: boolean
  disabled: boolean
  run(): void
}

/**
 * The formatting toolbar: real buttons with names, pressed states and shortcuts. It is one tab stop
 * (ARIA toolbar pattern): arrows, Home and End move between buttons.
 */
export function EditorToolbar({ editor, onLink }: { editor: Editor; onLink(): void }) {
  const { t } = useTranslation()
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      paragraph: e.isActive('paragraph'),
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })
  const off = !state.editable
  const chain = () => editor.chain().focus()

  const groups: { label: string; items: ToolItem[] }[] = [
    {
      label: t('documents.toolbar'),
      items: [
        { key: 'p', label: t('documents.paragraph'), content: '¶', shortcut: 'Control+Alt+0', pressed: state.paragraph, disabled: off, run: () => chain().setParagraph().run() },
        ...([1, 2, 3] as const).map((level) => ({
          key: `h${level}`,
          label: t('documents.heading', { level }),
          content: t('documents.headingShort', { level }),
          shortcut: `Control+Alt+${level}`,
          pressed: state[`h${level}`],
          disabled: off,
          run: () => chain().toggleHeading({ level }).run(),
        })),
        { key: 'bold', label: t('documents.bold'), content: <b>{t('documents.boldShort')}</b>, shortcut: 'Control+B', pressed: state.bold, disabled: off, run: () => chain().toggleBold().run() },
        { key: 'italic', label: t('documents.italic'), content: <i>{t('documents.italicShort')}</i>, shortcut: 'Control+I', pressed: state.italic, disabled: off, run: () => chain().toggleItalic().run() },
        { key: 'ul', label: t('documents.bulletList'), content: t('documents.bulletListShort'), shortcut: 'Control+Shift+8', pressed: state.bulletList, disabled: off, run: () => chain().toggleBulletList().run() },
        { key: 'ol', label: t('documents.orderedList'), content: t('documents.orderedListShort'), shortcut: 'Control+Shift+7', pressed: state.orderedList, disabled: off, run: () => chain().toggleOrderedList().run() },
        { key: 'link', label: t('documents.link'), content: t('documents.link'), shortcut: 'Control+K', pressed: state.link, disabled: off, run: onLink },
        { key: 'unlink', label: t('documents.unlink'), content: t('documents.unlink'), disabled: off || !state.link, run: () => chain().extendMarkRange('link').unsetLink().run() },
      ],
    },
    {
      label: t('documents.tableGroup'),
      items: [
        { key: 'table', label: t('documents.insertTable'), content: t('documents.table'), disabled: off || state.inTable, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
        { key: 'row+', label: t('documents.addRowAfter'), content: t('documents.addRowShort'), disabled: off || !state.inTable, run: () => chain().addRowAfter().run() },
        { key: 'row-', label: t('documents.deleteRow'), content: t('documents.deleteRowShort'), disabled: off || !state.inTable, run: () => chain().deleteRow().run() },
        { key: 'col+', label: t('documents.addColumnAfter'), content: t('documents.addColumnShort'), disabled: off || !state.inTable, run: () => chain().addColumnAfter().run() },
        { key: 'col-', label: t('documents.deleteColumn'), content: t('documents.deleteColumnShort'), disabled: off || !state.inTable, run: () => chain().deleteColumn().run() },
        { key: 'table-', label: t('documents.deleteTable'), content: `× ${t('documents.table')}`, disabled: off || !state.inTable, run: () => chain().deleteTable().run() },
      ],
    },
    {
      label: t('documents.historyGroup'),
      items: [
        { key: 'undo', label: t('documents.undo'), content: '↶', shortcut: 'Control+Z', disabled: off || !state.canUndo, run: () => chain().undo().run() },
        { key: 'redo', label: t('documents.redo'), content: '↷', shortcut: 'Control+Shift+Z', disabled: off || !state.canRedo, run: () => chain().redo().run() },
      ],
    },
  ]

  const enabled = groups.flatMap((g) => g.items).filter((item) => !item.disabled)
  const tabStop = enabled.find((item) => item.key === activeKey)?.key ?? enabled[0]?.key

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = enabled.findIndex((item) => item.key === tabStop)
    const target =
      event.key === 'ArrowRight' ? enabled[(index + 1) % enabled.length]
      : event.key === 'ArrowLeft' ? enabled[(index - 1 + enabled.length) % enabled.length]
      : event.key === 'Home' ? enabled[0]
      : event.key === 'End' ? enabled[enabled.length - 1]
      : undefined
    if (!target) return
    event.preventDefault()
    setActiveKey(target.key)
    buttons.current.get(target.key)?.focus()
  }

  return (
    <div className="toolbar" role="toolbar" aria-label={t('documents.toolbar')} aria-controls="document-editor" onKeyDown={onKeyDown} data-testid="editor-toolbar">
      {groups.map((group) => (
        <div key={group.label} className="toolbar__group" role="group" aria-label={group.label}>
          {group.items.map((item) => (
            <button
              key={item.key}
              ref={(node) => {
                if (node) buttons.current.set(item.key, node)
                else buttons.current.delete(item.key)
              }}
              type="button"
              className="toolbar__button"
              aria-label={item.label}
              title={item.shortcut ? `${item.label} (${item.shortcut.replace('Control', 'Ctrl')})` : item.label}
              aria-keyshortcuts={item.shortcut}
              aria-pressed={item.pressed}
              disabled={item.disabled}
              tabIndex={item.key === tabStop ? 0 : -1}
              // Keep the editor's selection when clicking: the command applies to it.
              onMouseDown={(event) => event.preventDefault()}
              onFocus={() => setActiveKey(item.key)}
              onClick={item.run}
              data-tool={item.key}
            >
              {item.content}
            </button>
          ))}
        </div>
      ))}
    </div>
  )
}
