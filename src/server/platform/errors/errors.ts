/**
 * Typed errors: a stable code, an HTTP status, a message in Chinese and English,
 * and details (field paths for validation). Nothing else ever reaches a client.
 */
const platformErrors = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid' },
  INVALID_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  NOT_AUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; please sign in again' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已暂时锁定，请稍后再试',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  MFA_REQUIRED: { status: 401, zh: '请输入动态验证码', en: 'Enter your one-time code' },
  INVALID_MFA_CODE: { status: 401, zh: '动态验证码错误', en: 'Wrong one-time code' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'Please change your password first',
  },
  WEAK_PASSWORD: { status: 400, zh: '密码不符合要求', en: 'The password does not meet the policy' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求缺少有效的安全令牌，请刷新页面后重试',
    en: 'Missing or invalid CSRF token; reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '未找到', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'This username is taken' },
  SEPARATION_OF_DUTIES: {
    status: 409,
    zh: '系统管理员、安全管理员、审计员三种角色必须由不同的人担任',
    en: 'Administrator, security administrator and auditor must be different people',
  },
  SELF_GRANT_FORBIDDEN: { status: 403, zh: '不能给自己授予或撤销角色', en: 'You cannot change your own roles' },
  IMPORT_REJECTED: {
    status: 422,
    zh: '导入文件有错误，未导入任何数据；请按错误清单修改后重新导入',
    en: 'The file has errors; nothing was imported. Fix the listed rows and import again',
  },
  CALENDAR_NOT_CORRECTED: {
    status: 409,
    zh: '该日没有管理员的更正，无需撤销',
    en: 'This day has no administrator correction to withdraw',
  },
  CALENDAR_YEAR_COVERED: {
    status: 409,
    zh: '该年度的节假日安排已经载入，无需确认',
    en: "This year's holiday arrangement is already loaded",
  },
  OTP_TOO_SOON: {
    status: 429,
    zh: '验证码发送过于频繁，请稍后再试',
    en: 'A code was sent a moment ago; wait before asking for another',
  },
  OTP_DAILY_LIMIT: {
    status: 429,
    zh: '今日获取验证码次数已达上限，请明天再试',
    en: 'Too many codes today; try again tomorrow',
  },
  OTP_INVALID: {
    status: 400,
    zh: '验证码错误或已失效，请重新获取',
    en: 'Wrong or expired code; ask for a new one',
  },
  NOTIFY_NOT_RETRYABLE: {
    status: 409,
    zh: '只有失败、已取消或等待重试的消息可以重发',
    en: 'Only dead, cancelled or waiting messages can be retried',
  },
  NOTIFY_NOT_CANCELLABLE: {
    status: 409,
    zh: '该消息已发出或正在发送，不能取消',
    en: 'This message has been sent or is being sent; it cannot be cancelled',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '暂时无法连接，请稍后重试',
    en: 'Temporarily unavailable; please try again in a moment',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal error; please try again later' },
} as const satisfies Record<string, ErrorSpec>;

/** An error code's HTTP status and its message in both languages (`{name}` placeholders allowed). */
export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

/**
 * The codes modules define (each module's `errors.ts` adds its own by declaration merging), so
 * that `new AppError(code)` stays checked at compile time while the platform imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleErrorCodes {}

export type ErrorCode = keyof typeof platformErrors | keyof ModuleErrorCodes;

const catalog = new Map<string, ErrorSpec>(Object.entries(platformErrors));

/** Joins a module's codes to the catalogue; a code defined twice with other texts is a mistake. */
export function defineErrors<T extends Record<string, ErrorSpec>>(codes: T): T {
  for (const [code, spec] of Object.entries(codes)) {
    const known = catalog.get(code);
    if (known && (known.status !== spec.status || known.zh !== spec.zh || known.en !== spec.en))
      throw new Error(`error code ${code} is defined twice`);
    catalog.set(code, spec);
  }
  return codes;
}

/** The catalogue entry of a code (INTERNAL for one no module defined: never shown as such). */
export function errorSpec(code: string): ErrorSpec {
  return catalog.get(code) ?? platformErrors.INTERNAL;
}

/** Every code known now, platform's and installed modules'. */
export function errorCodes(): string[] {
  return [...catalog.keys()];
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. `body.password` or `query.limit`. */
  path: string;
  zh: string;
  en: string;
}

/** Values for `{name}` placeholders of a catalog message, per language (pass as `details.vars`). */
export interface MessageVars {
  zh: Record<string, string>;
  en: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: { fields?: FieldIssue[]; [k: string]: unknown } = {},
  ) {
    super(errorSpec(code).en);
    this.name = 'AppError';
  }

  /** Looked up when asked: a module's codes may be installed after this error's module loaded. */
  get status(): number {
    return errorSpec(this.code).status;
  }
}

/** Shorthand for a validation error on fields. */
export function invalid(...fields: FieldIssue[]) {
  return new AppError('VALIDATION_FAILED', { fields });
}

export type Lang = 'zh-CN' | 'en';

/** The request's language: English only when asked for before Chinese. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const first = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag.startsWith('en') ? 'en' : 'zh-CN';
}

/** The single JSON shape of every error response. */
export function errorBody(err: AppError, lang: Lang, requestId: string) {
  const entry = errorSpec(err.code);
  const { fields, vars, ...rest } = err.details as typeof err.details & { vars?: MessageVars };
  const fill = (text: string, v: Record<string, string> | undefined) =>
    v ? text.replace(/\{(\w+)\}/g, (whole, name: string) => v[name] ?? whole) : text;
  return {
    error: {
      code: err.code,
      message: lang === 'en' ? fill(entry.en, vars?.en) : fill(entry.zh, vars?.zh),
      requestId,
      ...(fields ? { fields: fields.map((f) => ({ path: f.path, message: lang === 'en' ? f.en : f.zh })) } : {}),
      ...(Object.keys(rest).length ? { details: rest } : {}),
    },
  };
}
