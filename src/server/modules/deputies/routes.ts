import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import { z } from 'zod';
import {
  AccountCandidates,
  DeputyInput,
  DeputyPatch,
  DeputyView,
  LinkAccountRequest,
  ListDeputiesQuery,
  MyDuty,
  RevealedContact,
} from '../../../contracts/deputies.js';
import type { Platform } from '../../platform/context.js';
import { PHOTO_MAX_BYTES } from '../../platform/files/images.js';
import { sendTable, tableImportRoutes } from '../../platform/files/table-routes.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as account from './account.js';
import { importDeputies, templateRows } from './import.js';
import * as deputies from './service.js';

const levelLabel = {
  national: '全国',
  provincial: '省',
  municipal: '市',
  county: '区（县）',
  township: '乡镇',
} as const;
const statusLabel = { serving: '在任', ended: '任期届满', resigned: '辞职', terminated: '终止资格' } as const;

/** Deputies: profiles, levels, contacts (private phone masked; revealed on request, audited), photos. */
export const deputyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['deputies'];
  tableImportRoutes(app, {
    tags,
    what: 'a deputy register',
    template: templateRows,
    templateFile: 'deputy-register-template.xlsx',
    run: (req, orgId, table) => importDeputies(p, contextOf(req), actorOf(req), orgId, table),
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
          '代表小组',
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
          d.terms.join('、'),
          d.privatePhoneMasked ?? '',
          d.stations.map((s) => s.name).join('、'),
          d.groups.map((g) => g.name).join('、'),
          statusLabel[d.status],
        ]),
      ];
      return sendTable(reply, 'deputies.xlsx', rows);
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
  app.get('/me', {
    schema: {
      tags,
      summary: 'My duty (我的履职): the deputy linked to the signed-in account and their duty receptions ahead',
      response: { 200: MyDuty },
    },
    handler: (req) => account.myDuty(p, actorOf(req)),
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
  app.put('/:id/account', {
    schema: {
      tags,
      summary: 'Link the staff account the deputy signs in with, or unlink it (userId null); audited',
      params: IdParams,
      body: LinkAccountRequest,
      response: { 200: DeputyView },
    },
    handler: (req) => account.linkAccount(p, contextOf(req), actorOf(req), req.params.id, req.body.userId),
  });
  app.get('/:id/account-candidates', {
    schema: {
      tags,
      summary: 'Accounts that may be linked: active, holding the deputy role, in scope, linked to no other deputy',
      params: IdParams,
      querystring: z.object({ q: z.string().trim().max(50).optional() }),
      response: { 200: AccountCandidates },
    },
    handler: (req) => account.accountCandidates(p, actorOf(req), req.params.id, req.query.q),
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
  app.get('/:id/photo', {
    schema: { tags, summary: "The deputy's photo (JPEG, PNG or WebP)", params: IdParams },
    handler: async (req, reply) => sendFile(reply, await deputies.deputyPhoto(p, actorOf(req), req.params.id)),
  });
  app.put('/:id/photo', {
    schema: {
      tags,
      summary: 'Upload the photo (multipart field "file"; checked by content, EXIF removed)',
      consumes: ['multipart/form-data'],
      params: IdParams,
      response: { 200: DeputyView },
    },
    handler: async (req) =>
      deputies.setDeputyPhoto(p, contextOf(req), actorOf(req), req.params.id, await uploadedFile(req, PHOTO_MAX_BYTES)),
  });
  app.delete('/:id/photo', {
    schema: { tags, summary: 'Take the photo down', params: IdParams, response: { 200: DeputyView } },
    handler: (req) => deputies.removeDeputyPhoto(p, contextOf(req), actorOf(req), req.params.id),
  });
};
