import type { z } from 'zod';
import type { CategoryInput, CategoryPatch, CategoryView } from '../../../contracts/opinions.js';
import { inTransaction } from '../../db/database.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';

type View = z.infer<typeof CategoryView>;

/** The whole category tree (small: a few dozen rows), parents before children. */
export async function listCategories(p: Platform): Promise<View[]> {
  const rows = await p.db.selectFrom('opinion_category').selectAll().orderBy('sort').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    keywords: r.keywords,
    defaultUnitId: r.default_unit_id,
    defaultDeadlineDays: r.default_deadline_days,
    active: r.active,
  }));
}

async function checkRefs(p: Platform, input: z.infer<typeof CategoryPatch>, self?: number) {
  if (input.parentId) {
    const parent = await p.db
      .selectFrom('opinion_category')
      .select(['id', 'parent_id'])
      .where('id', '=', input.parentId)
      .executeTakeFirst();
    // Two levels only: a parent must itself be a top-level category.
    if (!parent || parent.parent_id !== null || parent.id === self)
      throw invalid({
        path: 'body.parentId',
        zh: '上级分类须为一级分类',
        en: 'The parent must be a top-level category',
      });
  }
  if (input.defaultUnitId) {
    const u = await p.db
      .selectFrom('organization')
      .select('kind')
      .where('id', '=', input.defaultUnitId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!u || !['streetOffice', 'department'].includes(u.kind))
      throw invalid({ path: 'body.defaultUnitId', zh: '默认承办单位不存在', en: 'No such handling unit' });
  }
}

const columns = (input: z.infer<typeof CategoryPatch>) => ({
  ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
  ...(input.code !== undefined ? { code: input.code } : {}),
  ...(input.name !== undefined ? { name: input.name } : {}),
  ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
  ...(input.keywords !== undefined ? { keywords: input.keywords } : {}),
  ...(input.defaultUnitId !== undefined ? { default_unit_id: input.defaultUnitId } : {}),
  ...(input.defaultDeadlineDays !== undefined ? { default_deadline_days: input.defaultDeadlineDays } : {}),
  ...(input.active !== undefined ? { active: input.active } : {}),
});

/** Adds a category (admins). */
export async function createCategory(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof CategoryInput>,
) {
  authorize(actor, 'category.manage');
  await checkRefs(p, input);
  return inTransaction(p.db, async (trx) => {
    const taken = await trx
      .selectFrom('opinion_category')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw invalid({ path: 'body.code', zh: '分类代码已被使用', en: 'This code is taken' });
    const { id } = await trx
      .insertInto('opinion_category')
      .values({ code: input.code, name: input.name, name_en: input.nameEn, ...columns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, {
      action: 'category.create',
      subjectType: 'category',
      subjectId: id,
      summary: input,
    });
    return id;
  });
}

/** Changes a category (admins); categories in use are deactivated, never deleted. */
export async function updateCategory(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: z.infer<typeof CategoryPatch>,
) {
  authorize(actor, 'category.manage');
  await checkRefs(p, input, id);
  return inTransaction(p.db, async (trx) => {
    const before = await trx
      .selectFrom('opinion_category')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    if (input.code && input.code !== before.code) {
      const taken = await trx
        .selectFrom('opinion_category')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (taken) throw invalid({ path: 'body.code', zh: '分类代码已被使用', en: 'This code is taken' });
    }
    const cols = columns(input);
    if (Object.keys(cols).length) await trx.updateTable('opinion_category').set(cols).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, {
      action: 'category.update',
      subjectType: 'category',
      subjectId: id,
      summary: { before, after: input },
    });
  });
}
