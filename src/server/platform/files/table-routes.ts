import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportQuery, ImportResult } from '../../../contracts/imports.js';
import { invalid } from '../errors/errors.js';
import { readTable, writeTable, type Table } from './table-file.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The largest spreadsheet accepted for an import. */
export const TABLE_MAX_BYTES = 20 * 1024 * 1024;

/** Lets the routes of `app` take a spreadsheet as the raw request body (.xlsx or CSV, told apart by content). */
export function acceptTableUploads(app: FastifyInstance) {
  app.addContentTypeParser(
    [XLSX, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: TABLE_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
}

/** The uploaded spreadsheet as rows of text, or a validation error naming the body. */
export async function uploadedTable(body: unknown): Promise<Table> {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw invalid({ path: 'body', zh: '请上传 Excel（.xlsx）或 CSV 文件', en: 'Upload an .xlsx or CSV file' });
  }
  return readTable(body).catch(() => {
    throw invalid({
      path: 'body',
      zh: '无法读取该文件，请使用 .xlsx 或 UTF-8 编码的 CSV',
      en: 'Unreadable file: use .xlsx or UTF-8 CSV',
    });
  });
}

/** Sends rows (header first) as an .xlsx download. */
export async function sendTable(reply: FastifyReply, filename: string, rows: Table) {
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(await writeTable(rows));
}

type App = Parameters<FastifyPluginAsyncZod>[0];

/**
 * The two routes of a spreadsheet import under `prefix`: GET `import-template` (the columns, with
 * an example row) and POST `import?orgId=` (the file as the raw body; all rows or none, the
 * per-row problems in a 422 IMPORT_REJECTED).
 */
export function tableImportRoutes(
  app: App,
  opts: {
    prefix?: string;
    tags: string[];
    what: string;
    template: Table;
    templateFile: string;
    run: (req: FastifyRequest, orgId: number, table: Table) => Promise<ImportResult>;
  },
) {
  const prefix = opts.prefix ?? '';
  acceptTableUploads(app);
  app.get(`${prefix}/import-template`, {
    schema: { tags: opts.tags, summary: `The ${opts.what} template (.xlsx) with the expected columns` },
    handler: (_req, reply) => sendTable(reply, opts.templateFile, opts.template),
  });
  app.post(`${prefix}/import`, {
    schema: {
      tags: opts.tags,
      summary: `Import ${opts.what} (.xlsx or CSV): all rows or none; per-row problems on 422`,
      querystring: ImportQuery,
      response: { 200: ImportResult },
    },
    handler: async (req) => opts.run(req, req.query.orgId, await uploadedTable(req.body)),
  });
}
