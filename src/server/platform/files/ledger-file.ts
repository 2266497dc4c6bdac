import type { FastifyReply } from 'fastify';
import type { Table } from './table-file.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ledger (台账) as filed: a named sheet, a title row across the columns (body, period), then the header and rows. */
export interface Ledger {
  sheet: string;
  title: string;
  header: string[];
  rows: Table;
}

/** Writes a ledger as .xlsx: the title merged across the columns, the header bold and frozen under it. */
export async function writeLedger(l: Ledger): Promise<Buffer> {
  const width = l.header.length;
  const data = [
    [
      {
        value: l.title,
        type: String,
        fontWeight: 'bold' as const,
        fontSize: 14,
        columnSpan: width,
        align: 'center' as const,
      },
      ...Array.from({ length: width - 1 }, () => null),
    ],
    l.header.map((value) => ({ value, type: String, fontWeight: 'bold' as const })),
    ...l.rows.map((r) => r.map((value) => ({ value, type: String }))),
  ];
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(data, {
    sheet: l.sheet.slice(0, 31),
    stickyRowsCount: 2,
    columns: l.header.map((h) => ({ width: Math.min(40, Math.max(8, h.length * 2 + 4)) })),
  }).toBuffer();
}

/** Sends a ledger as an .xlsx download (the same download as `sendTable`, with the sheet and title). */
export async function sendLedger(reply: FastifyReply, filename: string, l: Ledger) {
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(await writeLedger(l));
}
