/** A spreadsheet as rows of text cells: header row first. */
export type Table = string[][];

const isZip = (buf: Buffer) =>
  buf.length > 3 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

/** Reads an .xlsx (detected by content) or a CSV (UTF-8, with or without BOM; GB18030 is not guessed). */
export async function readTable(buf: Buffer): Promise<Table> {
  if (isZip(buf)) {
    // Loaded when a spreadsheet comes (rarely): not resident in every process from the start.
    const { default: readXlsx } = await import('read-excel-file/node');
    const sheets = await readXlsx(buf);
    const data = sheets[0]?.data ?? [];
    return data.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : cellText(cell))));
  }
  return parseCsv(buf.toString('utf8').replace(/^\uFEFF/, ''));
}

function cellText(cell: unknown): string {
  if (cell instanceof Date) return `${cell.getFullYear()}.${String(cell.getMonth() + 1).padStart(2, '0')}`;
  return String(cell).trim();
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

/** Writes rows (header first) as an .xlsx file. */
export async function writeTable(rows: Table): Promise<Buffer> {
  const data = rows.map((r, i) =>
    r.map((value) => ({ value, type: String, fontWeight: i === 0 ? ('bold' as const) : undefined })),
  );
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(data).toBuffer();
}
