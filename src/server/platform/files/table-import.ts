import type { ImportProblem } from '../../../contracts/imports.js';
import { AppError } from '../errors/errors.js';
import type { Table } from './table-file.js';

/** One data row of a spreadsheet being checked: its cells by column name, and where to note problems. */
export interface RowReader<C extends string> {
  /** The row's number as the spreadsheet shows it (the header is row 1). */
  line: number;
  /** The trimmed text of a cell ('' when empty or when the file has no such column). */
  get(column: C): string;
  has(column: C): boolean;
  /** Notes a problem of this row (in Chinese: the people who fix the file read Chinese). */
  bad(column: C, problem: string): void;
  /** Notes a problem when the cell is longer than `max` characters. */
  maxLength(column: C, max: number): void;
  /** Notes a problem when another row already used `key` (a stable key: 编号, or name). */
  unique(key: string, column: C): void;
}

/**
 * Reads a table against its known columns: checks the required columns are there, then gives
 * `parse` one row at a time. A row with any problem is left out of the result; every problem
 * of every row is returned, so the person importing can fix the whole file in one go.
 */
export function readRows<C extends string, R>(
  table: Table,
  columns: readonly C[],
  required: readonly C[],
  parse: (row: RowReader<C>) => R,
): { rows: R[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const header = table[0] ?? [];
  const at = new Map<C, number>();
  for (const c of columns) {
    const i = header.indexOf(c);
    if (i >= 0) at.set(c, i);
  }
  for (const c of required) if (!at.has(c)) problems.push({ row: 1, column: c, problem: `缺少“${c}”列` });
  if (problems.length) return { rows: [], problems };
  const rows: R[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const before = problems.length;
    const reader: RowReader<C> = {
      line,
      get: (c) => (at.has(c) ? (cells[at.get(c)!] ?? '').trim() : ''),
      has: (c) => at.has(c),
      bad: (column, problem) => problems.push({ row: line, column, problem }),
      maxLength: (c, max) => {
        if (reader.get(c).length > max) reader.bad(c, `不能超过 ${max} 个字`);
      },
      unique: (key, column) => {
        const first = seen.get(key);
        if (first !== undefined) reader.bad(column, `与第 ${first} 行重复`);
        else seen.set(key, line);
      },
    };
    const row = parse(reader);
    if (problems.length === before) rows.push(row);
  });
  return { rows, problems };
}

/**
 * Refuses the import when anything is wrong (or there is nothing to import): IMPORT_REJECTED with
 * the problems by row (the first 1,000) and their count. Nothing has been written at this point.
 */
export function refuseUnlessClean(problems: ImportProblem[], rowCount: number, empty: ImportProblem) {
  if (!problems.length && rowCount > 0) return;
  if (!problems.length) problems.push(empty);
  problems.sort((a, b) => a.row - b.row);
  throw new AppError('IMPORT_REJECTED', { rows: problems.slice(0, 1000), problemCount: problems.length });
}

/** Spreadsheet yes/no: 是/否 (also 启用/停用, Y/N, 1/0); null when the text is neither. */
export function yesNo(text: string): boolean | null {
  if (/^(是|启用|有|y|yes|true|1)$/i.test(text)) return true;
  if (/^(否|停用|无|n|no|false|0)$/i.test(text)) return false;
  return null;
}

/** A list in one cell, split on 、 ; ； and line breaks (commas too when `commas`). */
export function listCell(text: string, commas = false): string[] {
  return text
    .split(commas ? /[、;；,，\n]+/ : /[、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
