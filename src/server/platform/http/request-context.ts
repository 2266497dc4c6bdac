import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { LoadedSession } from '../auth/sessions.js';
import { AppError, type Lang } from '../errors/errors.js';

/** How much of a session a route needs. */
export type AuthLevel = 'public' | 'password' | 'signedIn';

declare module 'fastify' {
  interface FastifyRequest {
    session: LoadedSession | null;
    /** Set when the cookie named a session that has ended (idle, absolute limit, revoked). */
    sessionExpired: boolean;
    lang: Lang;
  }
  interface FastifyContextConfig {
    /**
     * `public`: anyone. `password`: signed in with the password, second factor and
     * password change may still be due. Default `signedIn`: fully signed in.
     */
    auth?: AuthLevel;
    /**
     * `false`: a public route not counted in the per-address limit of anonymous routes (that limit
     * is a database statement; liveness touches nothing and a load balancer asks it every second).
     */
    anonymousLimit?: boolean;
  }
}

/** The audit context of a request (actor may be null for public requests). */
export function contextOf(req: FastifyRequest): RequestContext {
  const a = req.session?.actor;
  return {
    actor: a ? { userId: a.userId, username: a.username } : null,
    requestId: String(req.id),
    ip: req.ip ?? null,
    userAgent: req.headers['user-agent'] ?? null,
  };
}

/** The signed-in actor; the route's `auth` level has already been enforced by the pipeline. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.session) throw new AppError('NOT_AUTHENTICATED');
  return req.session.actor;
}
