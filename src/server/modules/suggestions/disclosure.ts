// Disclosure (公开): answered suggestions published on the portal a set time after answering, unless
// marked not public; personal contacts removed from every text.
import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { AnswerClass, PublicSuggestion, PublicSuggestionsQuery } from '../../../contracts/suggestions.js';
import type { Platform } from '../../platform/context.js';
import { cursorId, keysetPage, likeText } from '../../platform/http/paging.js';
import { redact } from '../../platform/text/personal-data.js';
import { searchQuery } from '../../platform/text/segment.js';
import { deputyNames } from '../deputies/names.js';
import { orgsByIds } from '../org/tree.js';
import { chinaDate } from '../../platform/calendar/dates.js';
import { displayNumber } from './load.js';

/** Published suggestions with their answers, newest answer first, searchable by session, unit, category, class, words. */
export async function publicSuggestions(p: Platform, q: z.infer<typeof PublicSuggestionsQuery>) {
  let query = p.db
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      's.number',
      'cs.prefix',
      'cs.name as session_name',
      's.title',
      's.content',
      's.lead_deputy_id',
      's.category',
      's.answer_class',
      's.answered_at',
    ])
    .where('s.publishable', '=', true)
    .where('s.state', 'in', ['answered', 'reHandling', 'closed'])
    .where('s.publish_at', '<=', new Date());
  if (q.sessionId) query = query.where('s.session_id', '=', q.sessionId);
  if (q.category) query = query.where('s.category', '=', q.category);
  if (q.answerClass) query = query.where('s.answer_class', '=', q.answerClass);
  if (q.unit)
    query = query.where(
      sql<SqlBool>`EXISTS (SELECT 1 FROM suggestion_unit u JOIN organization o ON o.id = u.unit_id
        WHERE u.suggestion_id = s.id AND u.state = 'answered' AND o.name LIKE ${`%${likeText(q.unit)}%`})`,
    );
  if (q.q) {
    const tsq = searchQuery(q.q);
    if (tsq) query = query.where(sql<SqlBool>`s.search @@ to_tsquery('simple', ${tsq})`);
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
  const ids = page.items.map((r) => r.id);
  const [signers, answers, units] = ids.length
    ? await Promise.all([
        p.db
          .selectFrom('suggestion_signer')
          .select(['suggestion_id', 'deputy_id'])
          .where('suggestion_id', 'in', ids)
          .where('state', '=', 'confirmed')
          .execute(),
        p.db
          .selectFrom('suggestion_answer')
          .select(['suggestion_id', 'content', 'id'])
          .where('suggestion_id', 'in', ids)
          .orderBy('id', 'desc')
          .execute(),
        p.db
          .selectFrom('suggestion_unit')
          .select(['suggestion_id', 'unit_id'])
          .where('suggestion_id', 'in', ids)
          .where('state', '=', 'answered')
          .execute(),
      ])
    : [[], [], []];
  const names = new Map(
    (await deputyNames(p.db, [...page.items.map((r) => r.lead_deputy_id), ...signers.map((x) => x.deputy_id)])).map(
      (d) => [d.id, d.name],
    ),
  );
  const orgs = new Map(
    (
      await orgsByIds(
        p.db,
        units.map((u) => u.unit_id),
      )
    ).map((o) => [o.id, o.name]),
  );
  const items: PublicSuggestion[] = page.items.map((r) => ({
    id: r.id,
    number: displayNumber(r.prefix, r.number),
    sessionName: r.session_name,
    title: redact(r.title),
    content: redact(r.content),
    deputies: [r.lead_deputy_id, ...signers.filter((x) => x.suggestion_id === r.id).map((x) => x.deputy_id)].map(
      (d) => names.get(d) ?? '',
    ),
    category: r.category,
    units: [...new Set(units.filter((u) => u.suggestion_id === r.id).map((u) => orgs.get(u.unit_id) ?? ''))],
    answerClass: r.answer_class as AnswerClass | null,
    answer: (() => {
      const a = answers.find((x) => x.suggestion_id === r.id);
      return a ? redact(a.content) : null;
    })(),
    answeredOn: r.answered_at ? chinaDate(r.answered_at) : null,
  }));
  return { items, nextCursor: page.nextCursor };
}
