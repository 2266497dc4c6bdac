// The read model of suggestions: one suggestion's page, the queues (a deputy's, the committee's, a
// unit's), a deputy's desk counts.
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type {
  AnswerClass,
  ListSuggestionsQuery,
  Satisfaction,
  SuggestionState,
  SuggestionSummary,
  SuggestionView,
} from '../../../contracts/suggestions.js';
import type { Db } from '../../db/database.js';
import { scopesFor, type Actor } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { cursorId, keysetPage } from '../../platform/http/paging.js';
import { searchQuery } from '../../platform/text/segment.js';
import { deputyNames } from '../deputies/names.js';
import { deputyOpinions, opinionBriefs } from '../opinions/deputy-desk.js';
import { orgsByIds } from '../org/tree.js';
import { describeClock } from './clock.js';
import { actorDeputyId, displayNumber, loadForActor } from './load.js';
import { clockRow } from './steps.js';
import { constituentRatingCounts } from './constituents.js';
import { allowedActions } from './workflow.js';

/** One suggestion as its page shows it, with the actions this user may take. */
export async function getSuggestion(p: Platform, actor: Actor, id: number): Promise<SuggestionView> {
  const s = await loadForActor(p.db, actor, id, false);
  const [signers, links, consultations, answers, events, repeats] = await Promise.all([
    p.db
      .selectFrom('suggestion_signer')
      .select(['deputy_id', 'state', 'responded_at'])
      .where('suggestion_id', '=', id)
      .orderBy('invited_at')
      .execute(),
    p.db.selectFrom('suggestion_opinion').select('opinion_id').where('suggestion_id', '=', id).execute(),
    p.db.selectFrom('suggestion_consultation').selectAll().where('suggestion_id', '=', id).orderBy('at').execute(),
    p.db
      .selectFrom('suggestion_answer')
      .selectAll()
      .select(sql<string | null>`to_char(commitment_date, 'YYYY-MM-DD')`.as('commitment_day'))
      .where('suggestion_id', '=', id)
      .orderBy('id')
      .execute(),
    p.db.selectFrom('suggestion_event').selectAll().where('suggestion_id', '=', id).orderBy('id').execute(),
    s.row.repeat_of.length
      ? p.db
          .selectFrom('suggestion as x')
          .innerJoin('congress_session as cs', 'cs.id', 'x.session_id')
          .select(['x.id', 'x.number', 'x.title', 'cs.year', 'cs.prefix'])
          .where('x.id', 'in', s.row.repeat_of)
          .execute()
      : Promise.resolve([]),
  ]);
  const deputyIds = [s.row.lead_deputy_id, ...signers.map((x) => x.deputy_id)];
  const unitIds = [
    ...s.units.map((u) => u.unit_id),
    ...consultations.map((c) => c.unit_id),
    ...answers.map((a) => a.unit_id),
  ];
  const [deputies, orgs, opinions, constituentRatings] = await Promise.all([
    deputyNames(p.db, deputyIds),
    orgsByIds(p.db, unitIds),
    opinionBriefs(
      p.db,
      links.map((l) => l.opinion_id),
    ),
    constituentRatingCounts(p.db, id),
  ]);
  const nameOf = new Map(deputies.map((d) => [d.id, d.name]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const unitsById = new Map(s.units.map((u) => [u.unit_id, u]));
  const today = chinaToday();
  // Longer than the answer time: an extension asked for or granted in the current assignment.
  const since = [...events].reverse().find((e) => e.action === 'assign')?.id ?? 0;
  const current = events.filter((e) => e.id >= since);
  const clock = describeClock(clockRow(s), s.rules, today, {
    longer:
      s.row.extension_months > 0 ||
      s.row.extension_pending !== null ||
      current.some((e) => e.action === 'requestExtension'),
    reported: current.some((e) => e.action === 'progress'),
  });
  const pending = s.row.extension_pending as { months: number; reason: string } | null;
  return {
    ...summary(s.row, nameOf.get(s.row.lead_deputy_id) ?? '', clock.answerDue, clock.overdue),
    content: s.row.content,
    reasons: s.row.reasons,
    measures: s.row.measures,
    publishable: s.row.publishable,
    notPublicReason: s.row.not_public_reason,
    mode: s.row.mode as SuggestionView['mode'],
    reviewReason: s.row.review_reason,
    exclusions: s.row.exclusions as SuggestionView['exclusions'],
    keyLeaders: s.row.key_leaders,
    mergedIntoId: s.row.merged_into,
    redoCount: s.row.redo_count,
    ratingCommunication: s.row.rating_communication as Satisfaction | null,
    ratingResult: s.row.rating_result as Satisfaction | null,
    extensionPending: pending ? { months: pending.months, reason: pending.reason } : null,
    publishedAt:
      s.row.publish_at && s.row.publish_at <= new Date() && s.row.publishable ? s.row.publish_at.toISOString() : null,
    repeatOf: repeats.map((r) => ({
      id: r.id,
      number: displayNumber(r.prefix, r.number),
      title: r.title,
      year: r.year,
    })),
    clock,
    signers: signers.map((x) => ({
      deputyId: x.deputy_id,
      name: nameOf.get(x.deputy_id) ?? '',
      state: x.state as 'invited' | 'confirmed' | 'declined',
      respondedAt: x.responded_at?.toISOString() ?? null,
    })),
    opinions,
    units: [...unitsById.values()].map((u) => ({
      unitId: u.unit_id,
      name: orgName.get(u.unit_id) ?? '',
      role: u.role as 'lead' | 'co' | 'separate',
      state: u.state as 'assigned' | 'returned' | 'answered' | 'withdrawn',
      coView: u.co_view,
    })),
    consultations: consultations.map((c) => ({
      id: c.id,
      unitName: orgName.get(c.unit_id) ?? '',
      at: c.at.toISOString(),
      method: c.method as 'faceToFace' | 'phone' | 'onSite',
      stage: c.stage as 'before' | 'during' | 'after',
      attendees: c.attendees,
      notes: c.notes,
    })),
    answers: answers.map((a) => ({
      id: a.id,
      unitName: orgName.get(a.unit_id) ?? '',
      round: a.round,
      answerClass: a.answer_class as AnswerClass,
      content: a.content,
      commitmentDate: a.commitment_day,
      signedBy: a.signed_by,
      answeredAt: a.answered_at.toISOString(),
      onTime: a.on_time,
    })),
    events: events.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      actorName: e.actor_name,
      note: e.note,
      data: (e.data as Record<string, unknown> | null) ?? null,
      at: e.at.toISOString(),
    })),
    constituentRatings,
    allowedActions: allowedActions(s.facts, s.capacities),
    capacities: s.capacities,
  };
}

interface SummaryRow {
  id: number;
  number: number | null;
  session_prefix: string;
  title: string;
  state: string;
  session_id: number;
  session_name: string;
  lead_deputy_id: number;
  category: string | null;
  answer_class: string | null;
  key_supervision: boolean;
  repeat_of: number[];
  updated_at: Date;
}

function summary(r: SummaryRow, leadName: string, due: string | null, overdue: boolean): SuggestionSummary {
  return {
    id: r.id,
    number: displayNumber(r.session_prefix, r.number),
    title: r.title,
    state: r.state as SuggestionState,
    sessionId: r.session_id,
    sessionName: r.session_name,
    leadDeputyId: r.lead_deputy_id,
    leadDeputyName: leadName,
    category: r.category,
    answerClass: r.answer_class as AnswerClass | null,
    answerDue: due,
    overdue,
    keySupervision: r.key_supervision,
    repeated: r.repeat_of.length > 0,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The current due date as SQL (the redo's while handled again), and whether it has passed with the clock running. */
const dueSql = sql<
  string | null
>`to_char(CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END, 'YYYY-MM-DD')`;
const overdueSql = (today: string) =>
  sql<boolean>`(s.state IN ('assigned', 'reHandling') AND s.paused_since IS NULL
    AND (CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END) < ${today}::date)`;

/**
 * A page of suggestions the actor may see, newest first: a deputy's own (led or co-signed,
 * invitations, to rate), the committee's (to review, to assign, handling, overdue) in its subtree,
 * a unit's (assigned to it). Filters by state, session and words.
 */
export async function listSuggestions(p: Platform, actor: Actor, q: z.infer<typeof ListSuggestionsQuery>) {
  const today = chinaToday();
  const deputyId = await actorDeputyId(p.db, actor);
  const committee = scopesFor(actor, 'suggestion.review');
  const units = scopesFor(actor, 'suggestion.handle');
  const mine = (signerStates: string[]) =>
    deputyId === null
      ? sql<SqlBool>`false`
      : sql<SqlBool>`(s.lead_deputy_id = ${deputyId} OR EXISTS (SELECT 1 FROM suggestion_signer g
          WHERE g.suggestion_id = s.id AND g.deputy_id = ${deputyId} AND g.state = ANY(${signerStates}::text[])))`;
  const inCommittee = committee.length
    ? sql<SqlBool>`(s.org_path <@ ARRAY[${sql.join(committee)}]::ltree[] AND s.state <> 'draft')`
    : sql<SqlBool>`false`;
  const inUnit = units.length
    ? sql<SqlBool>`EXISTS (SELECT 1 FROM suggestion_unit u WHERE u.suggestion_id = s.id
        AND u.unit_path <@ ARRAY[${sql.join(units)}]::ltree[])`
    : sql<SqlBool>`false`;
  let query = p.db
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      's.number',
      'cs.prefix as session_prefix',
      's.title',
      's.state',
      's.session_id',
      'cs.name as session_name',
      's.lead_deputy_id',
      's.category',
      's.answer_class',
      's.key_supervision',
      's.repeat_of',
      's.updated_at',
      dueSql.as('due'),
      overdueSql(today).as('overdue'),
    ]);
  switch (q.queue) {
    case 'mine':
      query = query.where(mine(['confirmed']));
      break;
    case 'invitations':
      query = query.where(
        deputyId === null
          ? sql<SqlBool>`false`
          : sql<SqlBool>`EXISTS (SELECT 1 FROM suggestion_signer g WHERE g.suggestion_id = s.id
              AND g.deputy_id = ${deputyId} AND g.state = 'invited') AND s.state IN ('draft', 'submitted')`,
      );
      break;
    case 'toRate':
      query = query
        .where(deputyId === null ? sql<SqlBool>`false` : sql<SqlBool>`s.lead_deputy_id = ${deputyId}`)
        .where('s.state', '=', 'answered');
      break;
    case 'toReview':
      query = query.where(inCommittee).where('s.state', '=', 'submitted');
      break;
    case 'toAssign':
      query = query.where(inCommittee).where('s.state', '=', 'accepted');
      break;
    case 'handling':
      query = query.where(inCommittee).where('s.state', 'in', ['assigned', 'reHandling', 'answered']);
      break;
    case 'overdue':
      query = query.where(sql<SqlBool>`(${inCommittee} OR ${inUnit})`).where(overdueSql(today));
      break;
    case 'unit':
      query = query.where(inUnit)
        .where(sql<SqlBool>`EXISTS (SELECT 1 FROM suggestion_unit u WHERE u.suggestion_id = s.id AND u.state = 'assigned'
          AND u.unit_path <@ ARRAY[${sql.join(units.length ? units : ['0'])}]::ltree[])`);
      break;
    default:
      query = query.where(sql<SqlBool>`(${mine(['invited', 'confirmed', 'declined'])} OR ${inCommittee} OR ${inUnit})`);
  }
  if (q.state) query = query.where('s.state', '=', q.state);
  if (q.sessionId) query = query.where('s.session_id', '=', q.sessionId);
  if (q.q) {
    const tsq = searchQuery(q.q);
    query = tsq
      ? query.where(sql<SqlBool>`s.search @@ to_tsquery('simple', ${tsq})`)
      : query.where('s.title', 'like', `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  }
  const before = cursorId(q.cursor);
  if (before) query = query.where('s.id', '<', before);
  const page = keysetPage(
    await query
      .orderBy('s.id', 'desc')
      .limit(q.limit + 1)
      .execute(),
    q.limit,
  );
  const names = new Map(
    (
      await deputyNames(
        p.db,
        page.items.map((r) => r.lead_deputy_id),
      )
    ).map((d) => [d.id, d.name]),
  );
  return {
    items: page.items.map((r) => summary(r, names.get(r.lead_deputy_id) ?? '', r.due, r.overdue)),
    nextCursor: page.nextCursor,
  };
}

/** A deputy's desk: their counts, the opinions addressed to them and those escalated for a deputy to take up. */
export async function deputyDesk(p: Platform, actor: Actor) {
  const deputyId = await actorDeputyId(p.db, actor);
  if (deputyId === null)
    return {
      deputyId: null,
      counts: { drafts: 0, invitations: 0, toRate: 0, addressedOpinions: 0, escalatedOpinions: 0 },
      addressed: [],
      escalated: [],
    };
  const counts = await (p.db as Db)
    .selectFrom('suggestion as s')
    .select([
      sql<number>`count(*) FILTER (WHERE s.lead_deputy_id = ${deputyId} AND s.state = 'draft')::int`.as('drafts'),
      sql<number>`count(*) FILTER (WHERE s.lead_deputy_id = ${deputyId} AND s.state = 'answered')::int`.as('toRate'),
      sql<number>`count(*) FILTER (WHERE s.state IN ('draft', 'submitted') AND EXISTS (SELECT 1 FROM suggestion_signer g
        WHERE g.suggestion_id = s.id AND g.deputy_id = ${deputyId} AND g.state = 'invited'))::int`.as('invitations'),
    ])
    .where(
      sql<SqlBool>`(s.lead_deputy_id = ${deputyId} OR EXISTS (SELECT 1 FROM suggestion_signer g WHERE g.suggestion_id = s.id AND g.deputy_id = ${deputyId}))`,
    )
    .executeTakeFirstOrThrow();
  const opinions = await deputyOpinions(p, actor, deputyId);
  return {
    deputyId,
    counts: { ...counts, addressedOpinions: opinions.addressed.length, escalatedOpinions: opinions.escalated.length },
    ...opinions,
  };
}
