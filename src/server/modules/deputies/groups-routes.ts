import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import {
  GroupInput,
  GroupMemberParams,
  GroupMemberRequest,
  GroupPatch,
  GroupView,
  ListGroupsQuery,
} from '../../../contracts/groups.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as groups from './groups.js';

/** Deputy groups (代表小组): their body, members and leader. */
export const groupRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['deputy groups'];
  app.get('/', {
    schema: { tags, summary: 'Groups in scope', querystring: ListGroupsQuery, response: { 200: Page(GroupView) } },
    handler: (req) => groups.listGroups(p, actorOf(req), req.query),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One group with its members', params: IdParams, response: { 200: GroupView } },
    handler: (req) => groups.getGroup(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Form a group', body: GroupInput, response: { 201: GroupView } },
    handler: async (req, reply) =>
      reply.status(201).send(await groups.createGroup(p, contextOf(req), actorOf(req), req.body)),
  });
  app.patch('/:id', {
    schema: {
      tags,
      summary: 'Rename, move or (de)activate',
      params: IdParams,
      body: GroupPatch,
      response: { 200: GroupView },
    },
    handler: (req) => groups.updateGroup(p, contextOf(req), actorOf(req), req.params.id, req.body),
  });
  app.post('/:id/members', {
    schema: {
      tags,
      summary: 'Add a deputy (optionally as leader)',
      params: IdParams,
      body: GroupMemberRequest,
      response: { 200: GroupView },
    },
    handler: (req) =>
      groups.addGroupMember(p, contextOf(req), actorOf(req), req.params.id, req.body.deputyId, req.body.isLeader),
  });
  app.delete('/:id/members/:deputyId', {
    schema: {
      tags,
      summary: 'Take a deputy out of the group',
      params: GroupMemberParams,
      response: { 200: GroupView },
    },
    handler: (req) => groups.removeGroupMember(p, contextOf(req), actorOf(req), req.params.id, req.params.deputyId),
  });
};
