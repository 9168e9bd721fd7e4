import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { type KeyboardEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ToolKey, type ToolLayout, toolbarLayout } from './toolbarLayout.tsx'

interface ToolBehaviour {
  /** Toggle buttons say whether the format is on (aria-pressed); action buttons leave it out. */
  pressed?: boolean
  disabled: boolean
  run(): void
}
type ToolItem = ToolLayout & ToolBehaviour

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

  // What each button does and whether it is on, for the buttons toolbarLayout.tsx lays out.
  const heading = (level: 1 | 2 | 3): ToolBehaviour => ({ pressed: state[`h${level}`], disabled: off, run: () => chain().toggleHeading({ level }).run() })
  const behaviour: Record<ToolKey, ToolBehaviour> = {
    p: { pressed: state.paragraph, disabled: off, run: () => chain().setParagraph().run() },
    h1: heading(1),
    h2: heading(2),
    h3: heading(3),
    bold: { pressed: state.bold, disabled: off, run: () => chain().toggleBold().run() },
    italic: { pressed: state.italic, disabled: off, run: () => chain().toggleItalic().run() },
    ul: { pressed: state.bulletList, disabled: off, run: () => chain().toggleBulletList().run() },
    ol: { pressed: state.orderedList, disabled: off, run: () => chain().toggleOrderedList().run() },
    link: { pressed: state.link, disabled: off, run: onLink },
    unlink: { disabled: off || !state.link, run: () => chain().extendMarkRange('link').unsetLink().run() },
    table: { disabled: off || state.inTable, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
    'row+': { disabled: off || !state.inTable, run: () => chain().addRowAfter().run() },
    'row-': { disabled: off || !state.inTable, run: () => chain().deleteRow().run() },
    'col+': { disabled: off || !state.inTable, run: () => chain().addColumnAfter().run() },
    'col-': { disabled: off || !state.inTable, run: () => chain().deleteColumn().run() },
    'table-': { disabled: off || !state.inTable, run: () => chain().deleteTable().run() },
    undo: { disabled: off || !state.canUndo, run: () => chain().undo().run() },
    redo: { disabled: off || !state.canRedo, run: () => chain().redo().run() },
  }
  const groups = toolbarLayout(t).map((group) => ({ label: group.label, items: group.items.map((item): ToolItem => ({ ...item, ...behaviour[item.key] })) }))

  const enabled = groups.flatMap((g) => g.items).filter((item) => !item.disabled)
  const tabStop = enabled.find((item) => item.key === activeKey)?.key ?? enabled[0]?.key

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = enabled.findIndex((item) => item.key === tabStop)
    const target =
      event.key === 'ArrowRight'
        ? enabled[(index + 1) % enabled.length]
        : event.key === 'ArrowLeft'
          ? enabled[(index - 1 + enabled.length) % enabled.length]
          : event.key === 'Home'
            ? enabled[0]
            : event.key === 'End'
              ? enabled[enabled.length - 1]
              : undefined
    if (!target) return
    event.preventDefault()
    setActiveKey(target.key)
    buttons.current.get(target.key)?.focus()
  }

  return (
    <div
      className="toolbar"
      role="toolbar"
      aria-label={t('documents.toolbar')}
      aria-controls="document-editor"
      onKeyDown={onKeyDown}
      data-testid="editor-toolbar"
    >
      {groups.map((group) => (
        <fieldset key={group.label} className="toolbar__group" aria-label={group.label}>
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
        </fieldset>
      ))}
    </div>
  )
}
