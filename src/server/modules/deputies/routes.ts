import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import {
  DeputyInput,
  DeputyPatch,
  DeputyView,
  ListDeputiesQuery,
  RevealedContact,
} from '../../../contracts/deputies.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { type FastifyReply } from 'fastify';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.js';
import { invalid } from '../../platform/errors/errors.js';
import { readTable, writeTable } from '../../platform/files/table-file.js';
import { importDeputies, templateRows } from './import.js';
import * as deputies from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const levelLabel = {
  national: '全国',
  provincial: '省',
  municipal: '市',
  county: '区（县）',
  township: '乡镇',
} as const;
const statusLabel = { serving: '在任', ended: '任期届满', resigned: '辞职', terminated: '终止资格' } as const;

const ImportResult = z.object({ total: z.number(), created: z.number(), updated: z.number(), unchanged: z.number() });

function sendXlsx(reply: FastifyReply, filename: string, body: Buffer) {
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

/** Deputies: profiles, levels, contacts (private phone masked; revealed on request, audited). */
export const deputyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['deputies'];
  // Spreadsheets arrive as the raw file (the content decides whether it is .xlsx or CSV).
  app.addContentTypeParser(
    [XLSX, 'text/csv', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.get('/import-template', {
    schema: { tags, summary: 'The register template (.xlsx) with the expected columns' },
    handler: async (_req, reply) => sendXlsx(reply, 'deputy-register-template.xlsx', await writeTable(templateRows)),
  });
  app.post('/import', {
    schema: {
      tags,
      summary: 'Import a deputy register (.xlsx or CSV): all rows or none; per-row problems on 422',
      querystring: z.object({ orgId: IdParam }),
      response: { 200: ImportResult },
    },
    handler: async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw invalid({ path: 'body', zh: '请上传 Excel（.xlsx）或 CSV 文件', en: 'Upload an .xlsx or CSV file' });
      }
      const table = await readTable(req.body).catch(() => {
        throw invalid({
          path: 'body',
          zh: '无法读取该文件，请使用 .xlsx 或 UTF-8 编码的 CSV',
          en: 'Unreadable file: use .xlsx or UTF-8 CSV',
        });
      });
      return importDeputies(p, contextOf(req), actorOf(req), req.query.orgId, table);
    },
  });
  app.get('/export', {
    schema: {
      tags,
      summary: 'The list as filtered, as .xlsx (phones masked)',
      querystring: ListDeputiesQuery.omit({ limit: true, cursor: true }),
    },
    handler: async (req, reply) => {
      const { items } = await deputies.listDeputies(p, actorOf(req), { ...req.query, limit: 50_000 });
      const rows = [
        [
          '姓名',
          '性别',
          '民族',
          '出生年份',
          '党派',
          '工作单位及职务',
          '代表层级',
          '选举方式',
          '选区',
          '届次',
          '联系电话',
          '所属联络站',
          '状态',
        ],
        ...items.map((d) => [
          d.name,
          d.sex === 'male' ? '男' : d.sex === 'female' ? '女' : '',
          d.ethnicity ?? '',
          d.birthYear ? String(d.birthYear) : '',
          d.party ?? '',
          d.occupation ?? '',
          d.levels.map((l) => levelLabel[l]).join('、'),
          d.election === 'direct' ? '直接选举' : '间接选举',
          d.constituency ?? '',
          d.term ?? '',
          d.privatePhoneMasked ?? '',
          d.stations.map((s) => s.name).join('、'),
          statusLabel[d.status],
        ]),
      ];
      return sendXlsx(reply, 'deputies.xlsx', await writeTable(rows));
    },
  });
  app.get('/', {
    schema: {
      tags,
      summary: 'Deputies in scope (name, pinyin initials)',
      querystring: ListDeputiesQuery,
      response: { 200: Page(DeputyView) },
    },
    handler: (req) => deputies.listDeputies(p, actorOf(req), req.query),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One deputy', params: IdParams, response: { 200: DeputyView } },
    handler: (req) => deputies.getDeputy(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Register a deputy', body: DeputyInput, response: { 201: DeputyView } },
    handler: async (req, reply) =>
      reply.status(201).send(await deputies.createDeputy(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: { tags, summary: 'Change a deputy', params: IdParams, body: DeputyPatch, response: { 200: DeputyView } },
    handler: (req) => deputies.updateDeputy(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/reveal-contact', {
    schema: {
      tags,
      summary: 'Show the private phone in full (audited)',
      params: IdParams,
      response: { 200: RevealedContact },
    },
    handler: (req) => deputies.revealContact(p, contextOf(req), actorOf(req), req.params.id),
  });
};
