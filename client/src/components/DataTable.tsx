import type { HTMLAttributes, ReactNode } from 'react'

export interface Column<Row> {
  key: string
  header: ReactNode
  /** A column of buttons: its header is read by screen readers only. */
  headerHidden?: boolean
  /** The cell that names the row: a `<th scope="row">`, read before each of the row's cells. */
  rowHeader?: boolean
  cell(row: Row): ReactNode
}

interface DataTableProps<Row> {
  /** The table's name, for screen readers (its heading is already on screen above it). */
  caption: string
  columns: readonly (Column<Row> | false | null | undefined)[]
  rows: readonly Row[]
  rowKey(row: Row): string
  /** Attributes of a row (data-* for tests and styles). */
  rowProps?(row: Row): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>
  compact?: boolean
  /** Wide tables scroll sideways inside their box on a narrow screen. */
  scrolls?: boolean
  testId?: string
}

/**
 * The one table of the app (members, partners, an action's milestones and resources): a caption,
 * `scope`d column headers, the naming cell of each row as its row header, and in the cells the
 * controls themselves — native inputs, selects and buttons, reached with Tab in reading order.
 * Columns given as `false` are left out (a column only some roles see).
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, rowProps, compact, scrolls, testId }: DataTableProps<Row>) {
  const shown = columns.filter((c): c is Column<Row> => !!c)
  const table = (
    <table className={`data-table${compact ? ' data-table--compact' : ''}`} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {shown.map((column) => (
            <th key={column.key} scope="col">
              {column.headerHidden ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {shown.map((column) =>
              column.rowHeader ? (
                <th key={column.key} scope="row">
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.key}>{column.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
  return scrolls ? <div className="table-wrap">{table}</div> : table
}
