import { sql } from 'kysely';
import type { z } from 'zod';
import {
  activityFlags,
  activityKinds,
  PointsRules,
  type ActivityFlag,
  type ActivityKind,
  type DecisionInput,
  type RulesInput,
  type Score,
  type Standings,
} from '../../../contracts/duty.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { authorize, scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { servingDeputiesInScope } from '../deputies/duty-source.js';
import { servesInScopeSql } from '../stations/members.js';
import { relationTo } from './load.js';

/** What scoring reads of an activity. */
export interface Countable {
  kind: ActivityKind;
  hours: number | null;
  flags: readonly ActivityFlag[];
}

/** States that count: confirmed, and disputed (as it stands, until the committee decides). */
export const COUNTING = ['confirmed', 'disputed'] as const;

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A year's score under one rule set, line by line: the base, each kind (per activity or per hour,
 * capped), each bonus or deduction per mark, the total and its band. Pure: the fixture test
 * computes the same by hand.
 */
export function scoreYear(
  rules: PointsRules | null,
  rulesVersion: number | null,
  year: number,
  activities: readonly Countable[],
): Score {
  if (!rules) return { year, rulesVersion: null, lines: [], total: 0, band: null };
  const lines: Score['lines'] = [{ item: 'base', count: 1, points: rules.base, subtotal: rules.base, note: null }];
  for (const kind of activityKinds) {
    const of = activities.filter((a) => a.kind === kind);
    if (!of.length) continue;
    const perHour = rules.perHour[kind];
    const perOne = rules.perKind[kind];
    if (perHour === undefined && perOne === undefined) continue;
    const count = perHour !== undefined ? round(of.reduce((s, a) => s + (a.hours ?? 0), 0)) : of.length;
    const points = perHour ?? perOne!;
    let subtotal = round(count * points);
    let note: string | null = null;
    const cap = rules.caps[kind];
    if (cap !== undefined && subtotal > cap) {
      note = `cap:${cap}`;
      subtotal = cap;
    }
    lines.push({ item: kind, count, points, subtotal, note });
  }
  for (const flag of activityFlags) {
    const bonus = rules.bonuses[flag];
    if (bonus === undefined) continue;
    const count = activities.filter((a) => a.flags.includes(flag)).length;
    if (count) lines.push({ item: `bonus.${flag}`, count, points: bonus, subtotal: round(count * bonus), note: null });
  }
  const total = round(lines.reduce((s, l) => s + l.subtotal, 0));
  const band = rules.bands.find((b) => b.min !== null && total >= b.min) ?? rules.bands.find((b) => b.min === null);
  return { year, rulesVersion, lines, total, band: band?.label ?? null };
}

/** The rule set that scores `year` for a deputy registered at `orgPath`: the nearest organisation's newest version taking effect by then. */
export async function rulesFor(db: Db | Tx, orgPath: string, year: number) {
  const row = await db
    .selectFrom('duty_points_rules as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.rules', 'r.from_year'])
    .where(sql<boolean>`o.path @> ${orgPath}::ltree`)
    .where('r.from_year', '<=', year)
    .orderBy(sql`nlevel(o.path)`, 'desc')
    .orderBy('r.from_year', 'desc')
    .executeTakeFirst();
  return row ? { id: row.id, rules: PointsRules.parse(row.rules) } : null;
}

/** Counting activities of deputies in a period, grouped by deputy and year. */
export async function countingActivities(db: Db | Tx, deputyIds: readonly number[], from: string, to: string) {
  if (!deputyIds.length) return new Map<number, Map<number, Countable[]>>();
  const rows = await db
    .selectFrom('duty_activity')
    .select(['deputy_id', 'kind', 'hours', 'flags', sql<number>`extract(year FROM day)::int`.as('year')])
    .where(sql<boolean>`deputy_id = ANY(${[...deputyIds]}::bigint[])`)
    .where('state', 'in', COUNTING)
    .where(sql<boolean>`day BETWEEN ${from}::date AND ${to}::date`)
    .execute();
  const out = new Map<number, Map<number, Countable[]>>();
  for (const r of rows) {
    const byYear = out.get(r.deputy_id) ?? new Map<number, Countable[]>();
    out.set(r.deputy_id, byYear);
    const list = byYear.get(r.year) ?? [];
    byYear.set(r.year, list);
    list.push({
      kind: r.kind as ActivityKind,
      hours: r.hours === null ? null : Number(r.hours),
      flags: r.flags as ActivityFlag[],
    });
  }
  return out;
}

/** The versions of the rules the actor may see (their organisations' and above), newest first. */
export async function listRules(p: Platform, actor: Actor) {
  const paths = actor.roles.map((g) => g.orgPath);
  const rows = await p.db
    .selectFrom('duty_points_rules as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'r.from_year', 'r.rules', 'r.created_at'])
    .where(sql<boolean>`o.path @> ANY(${paths}::ltree[]) OR o.path <@ ANY(${paths}::ltree[])`)
    .orderBy('r.from_year', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    fromYear: r.from_year,
    rules: PointsRules.parse(r.rules),
    createdAt: r.created_at.toISOString(),
  }));
}

/**
 * Saves a version of the rules taking effect in `fromYear`. This year's or a later version may be
 * replaced; a past year already covered by a version is never rescored by new rules.
 */
export async function saveRules(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof RulesInput>) {
  const orgId = input.orgId ?? actor.roles.find((g) => scopesFor(actor, 'duty.manage').includes(g.orgPath))?.orgId;
  if (!orgId) throw new AppError('FORBIDDEN');
  const org = await p.db.selectFrom('organization').select(['id', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'duty.manage', { orgPath: org.path });
  const thisYear = yearOf(chinaToday());
  return inTransaction(p.db, async (trx) => {
    const covering = await trx
      .selectFrom('duty_points_rules')
      .select(['id', 'from_year', 'rules'])
      .where('org_id', '=', orgId)
      .where('from_year', '<=', input.fromYear)
      .orderBy('from_year', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (input.fromYear < thisYear && covering)
      throw new AppError('DUTY_RULES_PAST', {
        vars: { zh: { year: String(input.fromYear) }, en: { year: String(input.fromYear) } },
      });
    const row = await trx
      .insertInto('duty_points_rules')
      .values({
        org_id: orgId,
        from_year: input.fromYear,
        rules: JSON.stringify(input.rules),
        created_by: actor.userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'from_year'])
          .doUpdateSet({ rules: JSON.stringify(input.rules), created_by: actor.userId, created_at: new Date() }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'duty.saveRules',
      subjectType: 'dutyPointsRules',
      subjectId: row.id,
      summary: {
        before: covering?.from_year === input.fromYear ? covering.rules : null,
        after: { orgId, fromYear: input.fromYear, rules: input.rules },
      },
    });
    return { id: row.id };
  });
}

/** Scores of one deputy for each year of a period, each under its own year's rules. */
export async function scoresOf(db: Db | Tx, deputyId: number, orgPath: string, fromYear: number, toYear: number) {
  const acts = (await countingActivities(db, [deputyId], `${fromYear}-01-01`, `${toYear}-12-31`)).get(deputyId);
  const out: Score[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const r = await rulesFor(db, orgPath, y);
    out.push(scoreYear(r?.rules ?? null, r?.id ?? null, y, acts?.get(y) ?? []));
  }
  return out;
}

const quarterEnd = (year: number, q: number) => ['03-31', '06-30', '09-30', '12-31'].map((d) => `${year}-${d}`)[q - 1]!;

/**
 * Standings of the deputies in scope for a year (or the year up to the end of a quarter), best
 * first, with the consequences the rules suggest for the committee to consider (never applied).
 */
export async function standings(
  p: Platform,
  actor: Actor,
  year: number,
  quarter?: number,
): Promise<z.infer<typeof Standings>> {
  const deputies = await servingDeputiesInScope(p.db, actor, 'duty.read', (id) =>
    servesInScopeSql(id, actor, 'duty.read'),
  );
  const ids = deputies.map((d) => d.id);
  const to = quarter ? quarterEnd(year, quarter) : `${year}-12-31`;
  const lookBack = 10;
  const acts = await countingActivities(p.db, ids, `${year - lookBack + 1}-01-01`, to);
  const decisions = ids.length
    ? await p.db
        .selectFrom('duty_decision')
        .select(['deputy_id', 'kind'])
        .where(sql<boolean>`deputy_id = ANY(${ids}::bigint[])`)
        .where('year', '=', year)
        .execute()
    : [];
  const rulesCache = new Map<string, Awaited<ReturnType<typeof rulesFor>>>();
  const cachedRules = async (path: string, y: number) => {
    const key = `${path}|${y}`;
    if (!rulesCache.has(key)) rulesCache.set(key, await rulesFor(p.db, path, y));
    return rulesCache.get(key)!;
  };
  const rows = [];
  for (const d of deputies) {
    const r = await cachedRules(d.org_path, year);
    const score = scoreYear(r?.rules ?? null, r?.id ?? null, year, acts.get(d.id)?.get(year) ?? []);
    const c = r?.rules.consequences;
    let lowYears = 0;
    if (c?.talkBand && score.band === c.talkBand) {
      lowYears = 1;
      for (let y = year - 1; y > year - c.admonishAfterLowYears; y--) {
        const ry = await cachedRules(d.org_path, y);
        if (scoreYear(ry?.rules ?? null, null, y, acts.get(d.id)?.get(y) ?? []).band !== c.talkBand) break;
        lowYears++;
      }
    }
    rows.push({ d, score, lowYears, consequences: c, activities: acts.get(d.id)?.get(year)?.length ?? 0 });
  }
  rows.sort((a, b) => b.score.total - a.score.total || a.d.name.localeCompare(b.d.name, 'zh-CN'));
  return {
    year,
    quarter: quarter ?? null,
    rows: rows.map((r, i) => {
      const suggested: ('commendation' | 'talk' | 'admonition')[] = [];
      const c = r.consequences;
      // Only a deputy with work on the record is proposed for commendation, however the base points rank.
      if (c && i < c.commendTop && r.activities > 0) suggested.push('commendation');
      if (c?.talkBand && r.score.band === c.talkBand) suggested.push('talk');
      if (c?.talkBand && r.lowYears >= c.admonishAfterLowYears) suggested.push('admonition');
      return {
        rank: i + 1,
        deputyId: r.d.id,
        deputyName: r.d.name,
        orgName: r.d.org_name,
        total: r.score.total,
        band: r.score.band,
        activities: r.activities,
        suggested,
        decisions: decisions.filter((x) => x.deputy_id === r.d.id).map((x) => x.kind),
      };
    }),
  };
}

/** The committee's decision on a deputy's year (commendation, 约谈, 诫勉 …): recorded and audited, taken by a person. */
export async function recordDecision(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof DecisionInput>,
) {
  const rel = await relationTo(p.db, actor, input.deputyId, 'duty.manage');
  if (!rel.may) throw new AppError('FORBIDDEN');
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_decision')
      .values({
        deputy_id: input.deputyId,
        org_path: rel.deputy.org_path,
        year: input.year,
        kind: input.kind,
        note: input.note,
        decided_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'duty.decide',
      subjectType: 'deputy',
      subjectId: input.deputyId,
      summary: { after: { decisionId: row.id, year: input.year, kind: input.kind, note: input.note } },
    });
    return { id: row.id };
  });
}
