import { sql } from 'kysely';
import type { z } from 'zod';
import type { AwardCategory, AwardInput, Nominations } from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import { scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { activeGroupsInScope, groupMemberIds } from '../deputies/names.js';
import { listAssessments } from './assessment.js';
import { deputyInScopeSql } from './policy.js';
import { standings } from './points.js';
import { rankedUnits } from './unit-awards.js';

type Row = { subjectId: number; name: string; basis: string; score: number };

/** The candidates of a category, best first, from the record and the rules (what they are ranked on in `basis`). */
async function ranked(
  p: Platform,
  actor: Actor,
  year: number,
  category: z.infer<typeof AwardCategory>,
): Promise<Row[]> {
  if (category === 'excellentDeputy') {
    const s = await standings(p, actor, year);
    return s.rows
      .filter((r) => r.activities > 0)
      .map((r) => ({
        subjectId: r.deputyId,
        name: r.deputyName,
        basis: `${r.total}${r.band ? ` ${r.band}` : ''}`,
        score: r.total,
      }));
  }
  if (category === 'advancedGroup') {
    const s = await standings(p, actor, year);
    const totals = new Map(s.rows.map((r) => [r.deputyId, r.total]));
    const groups = await activeGroupsInScope(p.db, actor, 'duty.read');
    const rows: Row[] = [];
    for (const g of groups) {
      const members = (await groupMemberIds(p.db, g.id)).filter((id) => totals.has(id));
      if (!members.length) continue;
      const avg = Math.round((members.reduce((sum, id) => sum + totals.get(id)!, 0) / members.length) * 100) / 100;
      rows.push({ subjectId: g.id, name: g.name, basis: `avg ${avg} × ${members.length}`, score: avg });
    }
    return rows.sort((a, b) => b.score - a.score);
  }
  if (category === 'excellentSuggestion') {
    // Suggestions led this year with a mark of quality: key supervision counts twice an A answer.
    const rows = await p.db
      .selectFrom('duty_activity as a')
      .select(['a.source_key', 'a.title', 'a.flags', 'a.deputy_id'])
      .where('a.kind', '=', 'suggestionLed')
      .where('a.state', 'in', ['confirmed', 'disputed'])
      .where(sql<boolean>`extract(year FROM a.day) = ${year}`)
      .where(sql<boolean>`a.flags && ARRAY['answerA', 'keySupervised']::text[]`)
      .where(deputyInScopeSql(actor, 'duty.read', 'a.deputy_id', 'a.org_path'))
      .execute();
    return rows
      .map((r) => {
        const score = (r.flags.includes('keySupervised') ? 2 : 0) + (r.flags.includes('answerA') ? 1 : 0);
        return { subjectId: Number(r.source_key.split(':')[1]), name: r.title, basis: r.flags.join(' '), score };
      })
      .sort((a, b) => b.score - a.score || a.subjectId - b.subjectId);
  }
  if (category === 'advancedUnit') return rankedUnits(p, actor, year);
  const a = await listAssessments(p, actor, year);
  return a.rows
    .filter((r) => r.passed)
    .map((r) => ({
      subjectId: r.stationId,
      name: r.stationName,
      basis: `${r.score}/${r.passScore}`,
      score: r.score ?? 0,
    }));
}

/** The year's nominations of a category, pre-ranked, with those already decided marked. */
export async function nominations(
  p: Platform,
  actor: Actor,
  year: number,
  category: z.infer<typeof AwardCategory>,
): Promise<z.infer<typeof Nominations>> {
  if (!scopesFor(actor, 'duty.manage').length) throw new AppError('FORBIDDEN');
  const rows = await ranked(p, actor, year, category);
  const decided = new Set(
    (
      await p.db
        .selectFrom('duty_award')
        .select('subject_id')
        .where('year', '=', year)
        .where('category', '=', category)
        .execute()
    ).map((r) => r.subject_id),
  );
  return {
    year,
    category,
    rows: rows.map((r, i) => ({
      rank: i + 1,
      subjectId: r.subjectId,
      name: r.name,
      basis: r.basis,
      awarded: decided.has(r.subjectId),
    })),
  };
}

/** The committee's award decision for one nominee (only from the pre-ranked list), recorded with its rank and basis. */
export async function decideAward(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof AwardInput>) {
  const home = actor.roles.find((g) => scopesFor(actor, 'duty.manage').includes(g.orgPath));
  if (!home) throw new AppError('FORBIDDEN');
  const list = await nominations(p, actor, input.year, input.category);
  const nominee = list.rows.find((r) => r.subjectId === input.subjectId);
  if (!nominee) throw new AppError('DUTY_NOT_NOMINATED');
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_award')
      .values({
        org_path: home.orgPath,
        year: input.year,
        category: input.category,
        subject_id: input.subjectId,
        subject_name: nominee.name,
        rank: nominee.rank,
        basis: nominee.basis,
        note: input.note,
        decided_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['year', 'category', 'subject_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('DUTY_AWARD_EXISTS');
    await p.audit.record(trx, ctx, {
      action: 'duty.decideAward',
      subjectType: 'dutyAward',
      subjectId: row.id,
      summary: { after: { ...input, name: nominee.name, rank: nominee.rank, basis: nominee.basis } },
    });
    return { id: row.id };
  });
}
