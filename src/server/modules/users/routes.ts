import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Page } from '../../../contracts/common.js';
import {
  CreateUserRequest,
  CreatedUser,
  GrantRoleRequest,
  ListUsersQuery,
  RoleParams,
  SessionsEnded,
  SetStatusRequest,
  TemporaryPassword,
  UserView,
} from '../../../contracts/users.js';
import type { Platform } from '../../platform/context.js';
import { actorOf, contextOf } from '../../platform/http/request-context.js';
import * as users from './service.js';

/** Staff accounts and their roles. */
export const userRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['users'];
  app.get('/', {
    schema: { tags, summary: 'Staff users in scope', querystring: ListUsersQuery, response: { 200: Page(UserView) } },
    handler: (req) => users.listUsers(p, actorOf(req), req.query),
  });
  app.get('/:id', {
    schema: { tags, summary: 'One staff user', params: IdParams, response: { 200: UserView } },
    handler: (req) => users.getUser(p, actorOf(req), req.params.id),
  });
  app.post('/', {
    schema: { tags, summary: 'Create a staff user', body: CreateUserRequest, response: { 201: CreatedUser } },
    handler: async (req, reply) =>
      reply.status(201).send(await users.createUser(p, contextOf(req), actorOf(req), req.body)),
  });
  app.post('/:id/reset-password', {
    schema: { tags, summary: 'Issue a one-time password', params: IdParams, response: { 200: TemporaryPassword } },
    handler: (req) => users.resetPassword(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/:id/status', {
    schema: {
      tags,
      summary: 'Enable or disable',
      params: IdParams,
      body: SetStatusRequest,
      response: { 200: UserView },
    },
    handler: (req) => users.setStatus(p, contextOf(req), actorOf(req), req.params.id, req.body.status),
  });
  app.post('/:id/roles', {
    schema: {
      tags,
      summary: 'Grant a role on an organisation',
      params: IdParams,
      body: GrantRoleRequest,
      response: { 200: UserView },
    },
    handler: (req) => users.grantRole(p, contextOf(req), actorOf(req), req.params.id, req.body.role, req.body.orgId),
  });
  app.delete('/:id/roles/:roleId', {
    schema: { tags, summary: 'Revoke a role', params: RoleParams, response: { 200: UserView } },
    handler: (req) => users.revokeRole(p, contextOf(req), actorOf(req), req.params.id, req.params.roleId),
  });
  app.post('/:id/unlock', {
    schema: { tags, summary: 'Lift a sign-in lockout', params: IdParams, response: { 200: UserView } },
    handler: (req) => users.unlockUser(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/:id/sessions/revoke', {
    schema: { tags, summary: 'Sign the user out everywhere', params: IdParams, response: { 200: SessionsEnded } },
    handler: (req) => users.forceSignOut(p, contextOf(req), actorOf(req), req.params.id),
  });
};
