import type { FieldIssue } from './errors.js';

interface IssueLike {
  code: string;
  message?: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  values?: unknown[];
  keys?: string[];
}

const typeNames: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  date: '日期',
};

/**
 * Both languages of one validation issue. A schema's own message is written "中文|English";
 * zod's defaults are replaced by plain sentences that name what was expected.
 */
export function describeIssue(path: string, issue: IssueLike): FieldIssue {
  // A schema's own message: Chinese, then "|", then English (zod's defaults may hold "|" too).
  if (issue.message && /^[^|]*[\u4e00-\u9fff][^|]*\|[^|]+$/.test(issue.message)) {
    const [zh, en] = issue.message.split('|');
    return { path, zh: zh!, en: en! };
  }
  const unit =
    issue.origin === 'string'
      ? { zh: '个字符', en: 'characters' }
      : issue.origin === 'array'
        ? { zh: '项', en: 'items' }
        : { zh: '', en: '' };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message?.includes('received undefined')) return { path, zh: '必填', en: 'Required' };
      return {
        path,
        zh: `应为${typeNames[issue.expected ?? ''] ?? issue.expected}`,
        en: `Expected ${issue.expected}`,
      };
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1
        ? { path, zh: '不能为空', en: 'Must not be empty' }
        : { path, zh: `不能小于 ${issue.minimum}${unit.zh}`, en: `At least ${issue.minimum} ${unit.en}`.trim() };
    case 'too_big':
      return { path, zh: `不能大于 ${issue.maximum}${unit.zh}`, en: `At most ${issue.maximum} ${unit.en}`.trim() };
    case 'invalid_format':
      return { path, zh: `格式不正确（${issue.format}）`, en: `Invalid format (${issue.format})` };
    case 'invalid_value':
      return {
        path,
        zh: `应为以下之一：${(issue.values ?? []).join('、')}`,
        en: `Expected one of: ${(issue.values ?? []).join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        path,
        zh: `不认识的字段：${(issue.keys ?? []).join('、')}`,
        en: `Unknown fields: ${(issue.keys ?? []).join(', ')}`,
      };
    default:
      return { path, zh: '取值不正确', en: issue.message ?? 'Invalid value' };
  }
}
