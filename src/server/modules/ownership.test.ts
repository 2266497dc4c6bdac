import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One owner per table (DESIGN.md, docs/architecture.md): only the owning module's SQL names a
 * table; others call its exported functions. This test reads the server's sources and lists every
 * query that names another owner's table, and every route file holding SQL. What still crosses
 * is written below with its reason; a new crossing, or an entry no longer needed, fails.
 */
const owners: Record<string, string[]> = {
  'modules/org': ['organization'],
  'modules/regions': ['region'],
  'modules/users': ['app_user', 'user_role'],
  'modules/stations': ['station', 'station_member', 'station_region', 'station_photo', 'informant'],
  'modules/deputies': ['deputy', 'deputy_level', 'deputy_group', 'deputy_group_member'],
  'modules/opinions': [
    'opinion',
    'opinion_event',
    'opinion_assignment',
    'opinion_signoff',
    'opinion_deputy',
    'opinion_category',
    'opinion_file',
  ],
  'modules/receptions': [
    'reception_plan',
    'reception',
    'reception_duty',
    'reception_consultant',
    'reception_slot',
    'appointment',
    'home_visit_request',
    'reception_photo',
    'reception_entry',
  ],
  'modules/suggestions': [
    'congress_session',
    'suggestion',
    'suggestion_rules',
    'suggestion_signer',
    'suggestion_opinion',
    'suggestion_unit',
    'suggestion_consultation',
    'suggestion_answer',
    'suggestion_event',
    'suggestion_constituent_rating',
  ],
  'modules/duty': [
    'duty_activity',
    'duty_activity_file',
    'duty_activity_event',
    'duty_points_rules',
    'duty_decision',
    'duty_report',
    'duty_report_rating',
    'duty_bulletin',
    'duty_bulletin_recipient',
    'duty_assessment',
    'duty_assessment_file',
    'duty_award',
    'duty_event',
    'duty_event_deputy',
    'duty_pairing',
    'duty_contact',
    'duty_reception_rating',
    'duty_reception_rating_invite',
  ],
  'modules/projects': [
    'project',
    'project_vote',
    'project_vote_candidate',
    'project_voter',
    'project_ballot',
    'project_paper_entry',
    'project_milestone',
    'project_progress',
    'project_decision',
    'project_supervisor',
    'project_inspection',
    'project_inspection_deputy',
    'project_comment',
    'project_paper_totals_entry',
  ],
  'modules/statistics': [
    'stat_opinion_fact',
    'stat_assignment_fact',
    'stat_opinion_day',
    'stat_deputy_day',
    'stat_unit_day',
    'stat_unit_month',
    'stat_reception_day',
    'stat_org_day',
    'stat_org_month',
    'stat_category_month',
    'stat_channel_month',
    'stat_watermark',
    'stat_suggestion_day',
    'stat_suggestion_unit_day',
    'stat_project_year',
    'stat_topic_link',
    'stat_suggestion_fact',
    'stat_suggestion_unit_fact',
    'stat_project_fact',
  ],
  'modules/portal': ['pow_spent'],
  'modules/open311': ['open311_key', 'open311_request'],
  'platform/auth': ['user_session', 'login_failure'],
  'platform/audit': ['audit_log', 'audit_verify_run'],
  'platform/calendar': ['calendar_day', 'calendar_year'],
  'platform/notify': [
    'notify_message',
    'notify_delivery',
    'notify_attempt',
    'notify_inbox',
    'notify_preference',
    'notify_contact',
    'notify_optout',
    'otp_code',
  ],
  'platform/files': ['stored_file'],
  'platform/http': ['rate_counter'],
};

/**
 * The organisation and division trees are everyone's scope: any module may read them (a list is
 * scoped by joining `organization.path` in SQL, as DESIGN.md asks), only their owners write them.
 */
const readByAll = new Set(['organization', 'region']);

/**
 * Crossings kept on purpose, `file → tables`, each with its reason. Scope filters on ltree paths
 * join `organization` where a call per row would cost a round trip per row of a list.
 */
const IDENTITY =
  'Platform code imports no module, yet signing in, sessions and message recipients are accounts and roles: ' +
  'platform/auth keeps the credentials on the account row (passwords, second factor, last sign-in) and reads roles ' +
  'into the session; the notification runner resolves recipients by role; the calendar names who corrected a day. ' +
  'The users module administers the same rows through its own use cases.';
const allowed: Record<string, { tables: string[]; why: string }> = {
  'platform/auth/service.ts': { tables: ['app_user'], why: IDENTITY },
  'platform/auth/sessions.ts': { tables: ['app_user', 'user_role'], why: IDENTITY },
  'platform/calendar/service.ts': { tables: ['app_user'], why: IDENTITY },
  'platform/notify/delivery.ts': { tables: ['app_user', 'user_role'], why: IDENTITY },
  'platform/notify/outbox.ts': { tables: ['app_user'], why: IDENTITY },
  'platform/notify/service.ts': { tables: ['app_user'], why: IDENTITY },
};

const server = path.resolve(import.meta.dirname, '..');
const ownerOfTable = new Map(Object.entries(owners).flatMap(([o, ts]) => ts.map((t) => [t, o] as const)));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'data' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The owner folder of a file (`modules/x` or `platform/x`), or null for files outside both. */
function ownerOfFile(file: string): string | null {
  const rel = path.relative(server, file).split(path.sep);
  return (rel[0] === 'modules' || rel[0] === 'platform') && rel.length > 2 ? `${rel[0]}/${rel[1]}` : null;
}

const READS = [
  /\.(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z0-9_]+)/g,
  /\b(?:FROM|JOIN)\s+([a-z0-9_]+)\b/g,
];
const WRITES = [/\.(?:insertInto|updateTable|deleteFrom)\(\s*'([a-z0-9_]+)/g, /\b(?:INTO|UPDATE)\s+([a-z0-9_]+)\b/g];

/** The tables of other owners each file names in its SQL. */
function crossings(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const root of ['modules', 'platform'])
    for (const file of sources(path.join(server, root))) {
      const mine = ownerOfFile(file);
      if (!mine) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const [re, write] of [...READS.map((r) => [r, false] as const), ...WRITES.map((r) => [r, true] as const)])
        for (const m of text.matchAll(re)) {
          const owner = ownerOfTable.get(m[1]!);
          if (owner && owner !== mine && (write || !readByAll.has(m[1]!))) {
            const rel = path.relative(server, file);
            out.set(rel, (out.get(rel) ?? new Set()).add(m[1]!));
          }
        }
    }
  return out;
}

describe('one owner per table', () => {
  it('no module names another owner’s table, beyond the crossings listed with their reasons', () => {
    const found = Object.fromEntries(
      [...crossings()].map(([file, tables]) => [file, [...tables].sort()] as const).sort(),
    );
    const expected = Object.fromEntries(
      Object.entries(allowed)
        .map(([file, a]) => [file, [...a.tables].sort()] as const)
        .sort(),
    );
    expect(found).toEqual(expected);
  });

  it('route files hold no SQL', () => {
    const withSql = [...sources(path.join(server, 'modules')), ...sources(path.join(server, 'platform'))]
      .filter((f) => path.basename(f).endsWith('routes.ts'))
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(server, f));
    expect(withSql).toEqual([]);
  });

  it('every table of the schema has exactly one owner', () => {
    const schema = fs.readFileSync(path.join(server, 'db/schema.ts'), 'utf8');
    const db = schema.slice(schema.indexOf('export interface DB'));
    const tables = [...db.matchAll(/^\s+([a-z0-9_]+): /gm)].map((m) => m[1]!);
    expect(tables.filter((t) => !ownerOfTable.has(t))).toEqual([]);
  });
});
