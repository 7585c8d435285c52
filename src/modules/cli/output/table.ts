import Table from 'cli-table3';

export type Align = 'left' | 'right';

/**
 * An aligned text table: a header row, a rule, then the rows. Columns are left-aligned by
 * default; pass `right` for numbers.
 */
export function renderTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const table = new Table({
    head: headers,
    colAligns: headers.map((_, i) => align[i] ?? 'left'),
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
      bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '─', 'mid-mid': '─', right: '', 'right-mid': '', middle: ' ',
    },
  });
  table.push(...rows);
  return table.toString();
}

/** A two-column "name  value" table. */
export function renderPairs(pairs: Array<[string, string]>): string {
  return renderTable(['', ''], pairs, ['left', 'right']).split('\n').slice(1).join('\n');
}
