import { messageTypes, type MessageType, type MessageTypeSpec } from '../../../contracts/notify.js';
import type { NotifySettings } from '../../config.js';

export type Lang = 'zh-CN' | 'en';

interface Texts {
  /** The SMS body without the signature (providers add 【签名】; full-text channels get it prefixed). */
  sms: string;
  /** In-app title and e-mail subject. */
  title: string;
  /** In-app body and e-mail text. */
  body: string;
}

/**
 * Variables every constituent message gets without the caller passing them: the link that stops
 * further messages (件件有回音, but the constituent may say no more).
 */
export const autoVars: Record<'staff' | 'constituent', readonly string[]> = {
  staff: [],
  constituent: ['stopUrl'],
};

/** A message type's texts, Chinese first; `smsParams` orders the provider template's parameters. */
export interface MessageTemplate {
  smsParams: readonly string[];
  'zh-CN': Texts;
  en: Texts;
}

/**
 * The texts of the platform's own message types (the one-time code); modules add theirs through
 * their manifests. `{name}` is a variable of the type. The order of `smsParams` is the order of the
 * provider template's parameters (Tencent numbers them {1}, {2} …; Alibaba names them ${name}):
 * register the provider templates with the same wording.
 */
const templates = new Map<string, MessageTemplate>(
  Object.entries({
    'otp.code': {
      smsParams: ['code', 'minutes'],
      'zh-CN': {
        sms: '您的验证码为{code}，{minutes}分钟内有效。如非本人操作，请忽略本短信。',
        title: '验证码',
        body: '您的验证码为 {code}，{minutes} 分钟内有效。',
      },
      en: {
        sms: 'Your verification code is {code}, valid for {minutes} minutes. Ignore this if it was not you.',
        title: 'Verification code',
        body: 'Your verification code is {code}, valid for {minutes} minutes.',
      },
    },
  } satisfies Record<string, MessageTemplate>),
);

/** Joins a module's templates (its manifest's `templates`). */
export function registerTemplates(more: Record<string, MessageTemplate>) {
  for (const [type, t] of Object.entries(more)) templates.set(type, t);
}
/** Words some variables carry as codes (the supervision level), shown in the message's language. */
const varLabels: Record<string, Record<string, Record<Lang, string>>> = {
  level: {
    reminder: { 'zh-CN': '催办', en: 'Reminder' },
    supervision: { 'zh-CN': '督办', en: 'Supervision' },
    escalation: { 'zh-CN': '挂牌督办', en: 'Escalated supervision' },
  },
};

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

export function specOf(type: string): MessageTypeSpec | undefined {
  return (messageTypes as Record<string, MessageTypeSpec>)[type];
}

/** A variable's value as it reads in the message. */
export function showVar(name: string, value: string | number, lang: Lang): string {
  const label = varLabels[name]?.[String(value)];
  return label ? label[lang] : String(value);
}

function fill(text: string, vars: Record<string, string | number>, lang: Lang, missing: Set<string>): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined || v === '') {
      missing.add(name);
      return `{${name}}`;
    }
    return showVar(name, v, lang);
  });
}

export interface Rendered {
  sms: string;
  title: string;
  body: string;
  /** Provider template parameters, in order. */
  smsParams: { name: string; value: string }[];
  missingVars: string[];
}

/** Fills the texts of a type in a language. Unknown types throw; missing variables are listed, not invented. */
export function render(type: string, lang: Lang, vars: Record<string, string | number>): Rendered {
  const t = templates.get(type);
  if (!t) throw new Error(`no templates for message type ${type}`);
  const texts = t[lang];
  const missing = new Set<string>();
  const out = {
    sms: fill(texts.sms, vars, lang, missing),
    title: fill(texts.title, vars, lang, missing),
    body: fill(texts.body, vars, lang, missing),
    smsParams: t.smsParams.map((name) => ({
      name,
      value: vars[name] === undefined ? '' : showVar(name, vars[name], lang),
    })),
  };
  for (const p of t.smsParams) if (vars[p] === undefined || vars[p] === '') missing.add(p);
  return { ...out, missingVars: [...missing].sort() };
}

/**
 * Checked when the server starts: every template uses only its type's variables (and uses them
 * all somewhere), every type has texts in both languages, and a provider that sends by template id
 * has an id for every type. Returns the problems, empty when all is well.
 */
export function checkTemplates(sms: NotifySettings['sms']): string[] {
  const problems: string[] = [];
  for (const [type, spec] of Object.entries(messageTypes) as [MessageType, MessageTypeSpec][]) {
    const t = templates.get(type);
    if (!t) {
      problems.push(`${type}: no templates`);
      continue;
    }
    const allowed = new Set([...spec.vars, ...autoVars[spec.audience]]);
    const used = new Set<string>();
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [part, text] of Object.entries(t[lang])) {
        for (const m of text.matchAll(PLACEHOLDER)) {
          used.add(m[1]!);
          if (!allowed.has(m[1]!)) problems.push(`${type} (${lang} ${part}): unknown variable {${m[1]}}`);
        }
      }
    }
    for (const p of t.smsParams) if (!allowed.has(p)) problems.push(`${type}: unknown SMS parameter ${p}`);
    for (const v of spec.vars) if (!used.has(v)) problems.push(`${type}: variable ${v} is used by no template`);
    if ((sms.provider === 'aliyun' || sms.provider === 'tencent') && !sms.templates[type])
      problems.push(`LIAISON_SMS_TEMPLATES: no ${sms.provider} template id for ${type}`);
  }
  for (const type of Object.keys(sms.templates))
    if (!specOf(type)) problems.push(`LIAISON_SMS_TEMPLATES: unknown message type ${type}`);
  if (sms.provider !== 'console' && !sms.signName && sms.provider !== 'gov')
    problems.push('LIAISON_SMS_SIGN_NAME: the approved SMS signature (签名) is required');
  return problems;
}
