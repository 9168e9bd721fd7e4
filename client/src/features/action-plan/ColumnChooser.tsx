import { useTranslation } from 'react-i18next'
import { columnNames } from './ActionRow.tsx'
import { CHOOSABLE_COLUMNS, type ChoosableColumn } from './planColumns.ts'

/** Which columns the table shows (PLANUI3): a disclosure with one checkbox per column. */
export function ColumnChooser({ hidden, onToggle }: { hidden: ReadonlySet<ChoosableColumn>; onToggle(column: ChoosableColumn, show: boolean): void }) {
  const { t } = useTranslation()
  const names = columnNames(t)
  return (
    <details className="column-chooser" data-testid="column-chooser">
      <summary>{t('plan.chooseColumns')}</summary>
      <fieldset className="column-chooser__list">
        <legend className="visually-hidden">{t('plan.chooseColumns')}</legend>
        <p className="muted column-chooser__hint">{t('plan.columnsHint')}</p>
        {CHOOSABLE_COLUMNS.map((column) => (
          <label key={column} className="column-chooser__option">
            <input type="checkbox" checked={!hidden.has(column)} onChange={(e) => onToggle(column, e.target.checked)} data-column={column} />
            {names[column]}
          </label>
        ))}
      </fieldset>
    </details>
  )
}
