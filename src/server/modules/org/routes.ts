import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import { ListUnitsQuery, OrgInput, OrgList, OrgPatch, OrgView } from '../../../contracts/org.js';
import type { Platform } from '../../platform/context.js';
import { sendTable, tableImportRoutes } from '../../platform/files/table-routes.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { importUnits, unitColumns, unitKindLabel, unitTemplate } from './import.js';
import * as orgs from './service.js';

/** The organisation tree (read and managed within scope) and the handling units. */
export const orgRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['organizations'];

  app.get('/', {
    schema: { tags, summary: 'Organisations in scope, in tree order', response: { 200: OrgList } },
    handler: async (req) => ({ items: await orgs.listOrganizations(p, actorOf(req)) }),
  });
  app.get('/units', {
    schema: {
      tags,
      summary: 'Handling units (street offices, departments) in scope',
      querystring: ListUnitsQuery,
      response: { 200: Page(OrgView) },
    },
    handler: (req) => orgs.listUnits(p, actorOf(req), req.query),
  });
  app.get('/units/export', {
    schema: {
      tags,
      summary: 'The units list as filtered, as .xlsx (the import columns)',
      querystring: ListUnitsQuery.omit({ limit: true, cursor: true }),
    },
    handler: async (req, reply) => {
      const all = await orgs.listUnits(p, actorOf(req), { ...req.query, limit: 50_000 });
      const names = new Map((await orgs.listOrganizations(p, actorOf(req))).map((o) => [o.id, o]));
      const rows = all.items.map((u) => {
        const parent = u.parentId ? names.get(u.parentId) : undefined;
        return [
          u.code ?? '',
          u.name,
          unitKindLabel[u.kind as keyof typeof unitKindLabel],
          parent ? (parent.code ?? parent.name) : '',
          u.regionCode ?? '',
          u.contactPerson ?? '',
          u.contactPhone ?? '',
          u.active ? '启用' : '停用',
        ];
      });
      return sendTable(reply, 'handling-units.xlsx', [[...unitColumns], ...rows]);
    },
  });
  tableImportRoutes(app, {
    prefix: '/units',
    tags,
    what: 'handling units',
    template: unitTemplate,
    templateFile: 'handling-units-template.xlsx',
    run: (req, orgId, table) => importUnits(p, contextOf(req), actorOf(req), orgId, table),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: OrgView } },
    handler: (req) => orgs.getOrganization(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Create a body below one in scope', body: OrgInput, response: { 201: OrgView } },
    handler: async (req, reply) =>
      reply.status(201).send(await orgs.createOrganization(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Change a body, or (de)activate it (never deleted)',
      params: IdParams,
      body: OrgPatch,
      response: { 200: OrgView },
    },
    handler: (req) => orgs.updateOrganization(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
};
