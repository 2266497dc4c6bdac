import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page, PageQuery } from '../../../contracts/common.js';
import {
  InformantInput,
  InformantParams,
  InformantPatch,
  InformantView,
  ListStationsQuery,
  MemberParams,
  MemberRequest,
  PhotoParams,
  RulePreview,
  RulePreviewRequest,
  StationChange,
  StationFilters,
  StationInput,
  StationPatch,
  StationSummary,
  StationView,
} from '../../../contracts/stations.js';
import type { Platform } from '../../platform/context.js';
import { PHOTO_MAX_BYTES } from '../../platform/files/images.js';
import { sendTable, tableImportRoutes } from '../../platform/files/table-routes.js';
import { sendFile, uploadedFile } from '../../platform/files/upload.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import { stationHistory } from './history.js';
import { importStations, stationColumnsInFile, stationRow, stationTemplate } from './import.js';
import * as informants from './informants.js';
import * as photos from './photos.js';
import * as stations from './service.js';

const problemLabel = {
  tooFewDeputies: '在任代表不足 2 名',
  noHead: '无站长',
  noLiaisonOfficer: '无联络员',
  missingAddress: '未公布地址',
  missingOpeningHours: '未公布开放时间',
  missingReceptionRule: '未公布接待安排',
  missingRules: '未公布工作制度',
  missingWorkflow: '未公布工作流程',
} as const;

/** Liaison stations: details, members, photos, informants, history, the composition check, import/export. */
export const stationRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['stations'];

  app.get('/', {
    schema: {
      tags,
      summary: 'Stations in scope, in pinyin order, a page at a time',
      querystring: ListStationsQuery,
      response: { 200: Page(StationView) },
    },
    handler: (req) => stations.listStations(p, actorOf(req), req.query),
  });
  app.get('/summary', {
    schema: {
      tags,
      summary: 'How many active stations are in scope and how many break the composition rules',
      response: { 200: StationSummary },
    },
    handler: (req) => stations.stationSummary(p, actorOf(req)),
  });
  app.get('/export', {
    schema: {
      tags,
      summary: 'The list as filtered, as .xlsx (the import columns, then a few read-only ones)',
      querystring: StationFilters,
    },
    handler: async (req, reply) => {
      const { items } = await stations.listStations(p, actorOf(req), { ...req.query, limit: 50_000 });
      const header = [...stationColumnsInFile, '覆盖区域名称', '在任代表数', '站长', '联络员', '规范化'];
      const rows = items.map((s) => [
        ...stationRow(s),
        s.regions.map((g) => g.name).join('、'),
        String(s.servingDeputies),
        s.members.find((m) => m.isHead)?.name ?? '',
        s.liaisonOfficers.map((o) => o.displayName).join('、'),
        s.problems.map((x) => problemLabel[x]).join('、') || '合规',
      ]);
      return sendTable(reply, 'stations.xlsx', [header, ...rows]);
    },
  });
  tableImportRoutes(app, {
    tags,
    what: 'stations',
    template: stationTemplate,
    templateFile: 'stations-template.xlsx',
    run: (req, orgId, table) => importStations(p, contextOf(req), actorOf(req), orgId, table),
  });
  app.post('/reception-preview', {
    schema: {
      tags,
      summary: 'How a reception rule reads and its next three days (a rule, or text to recognise); changes nothing',
      body: RulePreviewRequest,
      response: { 200: RulePreview },
    },
    handler: (req) => stations.previewRule(p, actorOf(req), req.body),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One station', params: IdParams, response: { 200: StationView } },
    handler: (req) => stations.getStation(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Open a station', body: StationInput, response: { 201: StationView } },
    handler: async (req, reply) =>
      reply.status(201).send(await stations.createStation(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: { tags, summary: 'Change a station', params: IdParams, body: StationPatch, response: { 200: StationView } },
    handler: (req) => stations.updateStation(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/members', {
    schema: {
      tags,
      summary: 'Assign a deputy (optionally as head)',
      params: IdParams,
      body: MemberRequest,
      response: { 200: StationView },
    },
    handler: (req) =>
      stations.addMember(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyId, req.body.isHead),
  });
  app.delete('/:id/members/:deputyId', {
    schema: { tags, summary: 'Take a deputy off the station', params: MemberParams, response: { 200: StationView } },
    handler: (req) => stations.removeMember(p, contextOf(req), actorOf(req), req.params.id, req.params.deputyId),
  });

  app.post('/:id/photos', {
    schema: {
      tags,
      summary: 'Add a photo (multipart field "file"; JPEG, PNG or WebP by content; EXIF removed)',
      consumes: ['multipart/form-data'],
      params: IdParams,
      querystring: z.object({ caption: z.string().trim().max(100).optional() }),
      response: { 200: StationView },
    },
    handler: async (req) =>
      photos.addStationPhoto(
        p,
        contextOf(req),
        actorOf(req),
        req.params.id,
        await uploadedFile(req, PHOTO_MAX_BYTES),
        req.query.caption || null,
      ),
  });
  app.get('/:id/photos/:photoId', {
    schema: { tags, summary: 'One photo of the station', params: PhotoParams },
    handler: async (req, reply) =>
      sendFile(reply, await photos.stationPhoto(p, actorOf(req), req.params.id, req.params.photoId)),
  });
  app.delete('/:id/photos/:photoId', {
    schema: { tags, summary: 'Remove a photo', params: PhotoParams, response: { 200: StationView } },
    handler: (req) => photos.removeStationPhoto(p, contextOf(req), actorOf(req), req.params.id, req.params.photoId),
  });

  app.get('/:id/history', {
    schema: {
      tags,
      summary: "The station's changes from the audit trail, newest first",
      params: IdParams,
      querystring: PageQuery,
      response: { 200: Page(StationChange) },
    },
    handler: (req) => stationHistory(p, actorOf(req), req.params.id, req.query),
  });

  app.get('/:id/informants', {
    schema: {
      tags,
      summary: "The station's informants (民情联络员), phones masked",
      params: IdParams,
      response: { 200: z.object({ items: z.array(InformantView) }) },
    },
    handler: (req) => informants.listInformants(p, actorOf(req), req.params.id),
  });
  app.post('/:id/informants', {
    schema: {
      tags,
      summary: 'Enlist an informant',
      params: IdParams,
      body: InformantInput,
      response: { 201: InformantView },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await informants.createInformant(p, contextOf(req), actorOf(req), req.params.id, req.body)),
  });
  app.patch('/:id/informants/:informantId', {
    schema: {
      tags,
      summary: 'Change an informant, or (de)activate them',
      params: InformantParams,
      body: InformantPatch,
      response: { 200: InformantView },
    },
    handler: (req) =>
      informants.updateInformant(p, contextOf(req), actorOf(req), req.params.id, req.params.informantId, req.body),
  });
  app.post('/:id/informants/:informantId/reveal-contact', {
    schema: {
      tags,
      summary: "Show an informant's phone in full (audited)",
      params: InformantParams,
      response: { 200: z.object({ phone: z.string().nullable() }) },
    },
    handler: (req) =>
      informants.revealInformantPhone(p, contextOf(req), actorOf(req), req.params.id, req.params.informantId),
  });
};
