import { roleLabels } from '../../../../contracts/roles.js';
import type { Role } from './contracts.js';
import type { Lang } from './i18n.js';

/** The name of a role in the UI language (labels live with the roles in the contracts). */
export function roleLabel(role: Role, lang: Lang): string {
  return lang === 'en' ? roleLabels[role].en : roleLabels[role].zh;
}

export const allRoles = Object.keys(roleLabels) as Role[];
