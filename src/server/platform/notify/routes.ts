import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Page } from '../../../contracts/common.js';
import {
  DeliveryCounts,
  DeliveryDetail,
  DeliveryView,
  InboxItem,
  InboxQuery,
  ListDeliveriesQuery,
  Preferences,
  PreviewRequest,
  PreviewView,
  SendOtpRequest,
  SendOtpResponse,
  SetContactRequest,
  SetPreferenceRequest,
  TemplateList,
  UnreadCount,
  VerifyOtpRequest,
  VerifyOtpResponse,
} from '../../../contracts/notify.js';
import type { Platform } from '../context.js';
import { actorOf, contextOf } from '../http/request-context.js';
import * as inbox from './inbox.js';
import { sendOtp, verifyOtp } from './otp.js';
import * as prefs from './preferences.js';
import * as outbox from './service.js';
import { stopPage } from './stop-page.js';

/** The outbox screen, the bell, preferences and template previews (staff, signed in). */
export const notifyRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['notify'];
  app.get('/deliveries', {
    schema: {
      tags,
      summary: 'Deliveries of the outbox in scope',
      querystring: ListDeliveriesQuery,
      response: { 200: Page(DeliveryView) },
    },
    handler: (req) => outbox.listDeliveries(p, actorOf(req), req.query),
  });
  app.get('/deliveries/counts', {
    schema: { tags, summary: 'Deliveries in scope by state', response: { 200: DeliveryCounts } },
    handler: (req) => outbox.countDeliveries(p, actorOf(req)),
  });
  app.get('/deliveries/:id', {
    schema: { tags, summary: 'One delivery with its attempts', params: IdParams, response: { 200: DeliveryDetail } },
    handler: (req) => outbox.getDelivery(p, actorOf(req), req.params.id),
  });
  app.post('/deliveries/:id/retry', {
    schema: { tags, summary: 'Send again now', params: IdParams, response: { 200: DeliveryDetail } },
    handler: (req) => outbox.retryDelivery(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/deliveries/:id/cancel', {
    schema: { tags, summary: 'Do not send', params: IdParams, response: { 200: DeliveryDetail } },
    handler: (req) => outbox.cancelDelivery(p, contextOf(req), actorOf(req), req.params.id),
  });

  app.get('/templates', {
    schema: { tags, summary: 'Message types, variables and provider template ids', response: { 200: TemplateList } },
    handler: async (req) => outbox.listTemplates(p, actorOf(req)),
  });
  app.post('/templates/preview', {
    schema: {
      tags,
      summary: 'A message type filled with sample values',
      body: PreviewRequest,
      response: { 200: PreviewView },
    },
    handler: async (req) => outbox.previewTemplate(p, actorOf(req), req.body),
  });

  app.get('/inbox', {
    schema: { tags, summary: 'My in-app messages', querystring: InboxQuery, response: { 200: Page(InboxItem) } },
    handler: (req) => inbox.listInbox(p, actorOf(req), req.query),
  });
  app.get('/inbox/unread', {
    schema: { tags, summary: 'How many of my in-app messages are unread', response: { 200: UnreadCount } },
    handler: (req) => inbox.unreadCount(p, actorOf(req)),
  });
  app.post('/inbox/:id/read', {
    schema: { tags, summary: 'Mark one message read', params: IdParams, response: { 200: UnreadCount } },
    handler: (req) => inbox.markRead(p, contextOf(req), actorOf(req), req.params.id),
  });
  app.post('/inbox/read-all', {
    schema: { tags, summary: 'Mark all my messages read', response: { 200: UnreadCount } },
    handler: (req) => inbox.markAllRead(p, contextOf(req), actorOf(req)),
  });

  app.get('/preferences', {
    schema: { tags, summary: 'My channels per message type and my contact', response: { 200: Preferences } },
    handler: (req) => prefs.getPreferences(p, actorOf(req)),
  });
  app.post('/preferences', {
    schema: {
      tags,
      summary: 'Choose the channels of a message type',
      body: SetPreferenceRequest,
      response: { 200: Preferences },
    },
    handler: (req) => prefs.setPreference(p, contextOf(req), actorOf(req), req.body),
  });
  app.patch('/contact', {
    schema: {
      tags,
      summary: 'Set my phone, e-mail and language for messages',
      body: SetContactRequest,
      response: { 200: Preferences },
    },
    handler: (req) => prefs.setContact(p, contextOf(req), actorOf(req), req.body),
  });
};

/** One-time codes for the public portal. */
export const otpRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const tags = ['otp'];
  app.post('/send', {
    config: { auth: 'public' },
    schema: { tags, summary: 'Send a one-time code by SMS', body: SendOtpRequest, response: { 200: SendOtpResponse } },
    handler: (req) => sendOtp(p, contextOf(req), req.body),
  });
  app.post('/verify', {
    config: { auth: 'public' },
    schema: {
      tags,
      summary: 'Check a one-time code; the token proves the phone',
      body: VerifyOtpRequest,
      response: { 200: VerifyOtpResponse },
    },
    handler: (req) => verifyOtp(p, contextOf(req), req.body),
  });
};

const StopParams = z.object({ token: z.string().max(40) });
const StopForm = z.object({
  scope: z.enum(['type', 'all']).optional(),
  /** RFC 8058 one-click unsubscribe from a mail client. */
  'List-Unsubscribe': z.literal('One-Click').optional(),
});

/**
 * The "stop these messages" link of constituents' messages (`/u/TOKEN`): a small page outside the
 * API (no session, no script), confirmed by a form post, so that link scanners that fetch the page
 * stop nothing. The token itself is the proof that the visitor got the message.
 */
export const stopRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.get('/:token', {
    schema: { hide: true, params: StopParams },
    handler: async (req, reply) => {
      const target = await prefs.stopTarget(p, req.params.token);
      return reply
        .status(target ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(stopPage(target, req.params.token, 'confirm'));
    },
  });
  app.post('/:token', {
    schema: { hide: true, params: StopParams, body: StopForm },
    handler: async (req, reply) => {
      const target = await prefs.stopTarget(p, req.params.token);
      if (target) await prefs.stopMessages(p, contextOf(req), target, req.body.scope === 'all' ? 'all' : 'type');
      return reply
        .status(target ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(stopPage(target, req.params.token, req.body.scope === 'all' ? 'stoppedAll' : 'stopped'));
    },
  });
};
