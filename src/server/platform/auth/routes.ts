import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Me } from '../../../contracts/auth.js';
import {
  ChangePasswordRequest,
  LoginRequest,
  MfaRequest,
  PasswordRequest,
  SessionState,
  SignOutEverywhereResult,
  TotpSetup,
} from '../../../contracts/auth.js';
import { Ok } from '../../../contracts/common.js';
import type { Role } from '../../../contracts/roles.js';
import { abilities, type Actor } from '../access/policy.js';
import type { Platform } from '../context.js';
import { randomToken } from '../crypto/keys.js';
import { AppError } from '../errors/errors.js';
import { actorOf, contextOf } from '../http/request-context.js';
import * as auth from './service.js';
import { CSRF_COOKIE, SESSION_COOKIE, loadSession } from './sessions.js';

/** Sign-in, sign-out, password change, second factor: the session API of the console. */
export const authRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform: p }) => {
  const secure = p.config.env === 'production';
  const setCookies = (reply: FastifyReply, session: string | null, csrf: string) => {
    const base = { path: '/', sameSite: 'strict' as const, secure };
    if (session === null) void reply.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
    else void reply.setCookie(SESSION_COOKIE, session, { ...base, httpOnly: true });
    // Readable by the console's script, which echoes it in X-CSRF-Token.
    void reply.setCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
  };

  const me = async (actor: Actor, mustChangePassword: boolean): Promise<Me> => {
    const { user, orgNames } = await auth.profileFacts(p.db, actor);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      orgId: actor.orgId,
      orgName: user.org_name,
      roles: actor.roles.map((r) => ({ role: r.role as Role, orgId: r.orgId, orgName: orgNames.get(r.orgId) ?? '' })),
      abilities: abilities(actor),
      mustChangePassword,
      totpEnabled: user.totp_enabled,
    };
  };

  const state = async (req: FastifyRequest, reply: FastifyReply): Promise<SessionState> => {
    const s = req.session;
    if (!s) {
      const csrf = req.cookies[CSRF_COOKIE] ?? randomToken();
      if (req.cookies[SESSION_COOKIE]) setCookies(reply, null, csrf);
      else void reply.setCookie(CSRF_COOKIE, csrf, { path: '/', sameSite: 'strict', secure, httpOnly: false });
      return {
        authenticated: false,
        mfaRequired: false,
        csrfToken: csrf,
        idleMinutes: p.config.session.idleMinutes,
        me: null,
      };
    }
    return {
      authenticated: !s.mfaPending,
      mfaRequired: s.mfaPending,
      csrfToken: s.csrfToken,
      idleMinutes: p.config.session.idleMinutes,
      me: s.mfaPending ? null : await me(s.actor, s.mustChangePassword),
    };
  };

  app.get('/session', {
    config: { auth: 'public' },
    schema: { tags: ['auth'], summary: 'Who is signed in; issues the CSRF token', response: { 200: SessionState } },
    handler: state,
  });

  app.post('/login', {
    config: { auth: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with username and password',
      body: LoginRequest,
      response: { 200: SessionState },
    },
    handler: async (req, reply) => {
      // A sign-in on a browser that holds a session replaces it.
      const s = await auth.signIn(
        p,
        { ...contextOf(req), replacedSessionId: req.session?.actor.sessionId },
        req.body.username,
        req.body.password,
      );
      setCookies(reply, s.token, s.csrfToken);
      const loaded = await loadSession(p.db, s.token, p.config.session);
      req.session = loaded.status === 'ok' ? loaded.session : null;
      return state(req, reply);
    },
  });

  app.post('/mfa', {
    config: { auth: 'password' },
    schema: {
      tags: ['auth'],
      summary: 'Second factor: the 6-digit code',
      body: MfaRequest,
      response: { 200: SessionState },
    },
    handler: async (req, reply) => {
      if (!req.session?.mfaPending) throw new AppError('CONFLICT');
      await auth.verifySecondFactor(p, contextOf(req), actorOf(req), req.body.code);
      req.session = { ...req.session!, mfaPending: false };
      return state(req, reply);
    },
  });

  app.post('/logout', {
    config: { auth: 'password' },
    schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 200: Ok } },
    handler: async (req, reply) => {
      await auth.signOut(p, contextOf(req), actorOf(req));
      setCookies(reply, null, randomToken());
      return { ok: true as const };
    },
  });

  app.post('/logout-everywhere', {
    schema: { tags: ['auth'], summary: 'Sign out on every device', response: { 200: SignOutEverywhereResult } },
    handler: async (req, reply) => {
      const sessionsEnded = await auth.signOutEverywhere(p, contextOf(req), actorOf(req));
      setCookies(reply, null, randomToken());
      return { sessionsEnded };
    },
  });

  app.post('/password', {
    config: { auth: 'password' },
    schema: {
      tags: ['auth'],
      summary: 'Change own password',
      body: ChangePasswordRequest,
      response: { 200: SessionState },
    },
    handler: async (req, reply) => {
      if (req.session?.mfaPending) {
        throw new AppError('MFA_REQUIRED');
      }
      await auth.changePassword(p, contextOf(req), actorOf(req), req.body.currentPassword, req.body.newPassword);
      req.session = { ...req.session!, mustChangePassword: false };
      return state(req, reply);
    },
  });

  app.post('/totp/setup', {
    schema: { tags: ['auth'], summary: 'Begin second-factor enrolment', response: { 200: TotpSetup } },
    handler: async (req) => auth.beginTotp(p, contextOf(req), actorOf(req)),
  });

  app.post('/totp/enable', {
    schema: { tags: ['auth'], summary: 'Confirm enrolment with a code', body: MfaRequest, response: { 200: Ok } },
    handler: async (req) => {
      await auth.confirmTotp(p, contextOf(req), actorOf(req), req.body.code);
      return { ok: true as const };
    },
  });

  app.post('/totp/disable', {
    schema: { tags: ['auth'], summary: 'Turn the second factor off', body: PasswordRequest, response: { 200: Ok } },
    handler: async (req) => {
      await auth.disableTotp(p, contextOf(req), actorOf(req), req.body.password);
      return { ok: true as const };
    },
  });
};
