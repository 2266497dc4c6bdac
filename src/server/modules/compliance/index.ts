import type { ModuleManifest } from '../../platform/modules.js';

/**
 * The rules of the documents, checked (`check.ts` `checkAll`: stations' composition, reception
 * cadence, district deputies, deputy groups). Its checks read other modules only through their
 * exported functions. The staff route stays `GET /api/receptions/compliance` for now, and the daily
 * reminder runs inside the receptions sweep (`reminders.ts`).
 */
export const compliance: ModuleManifest = {
  name: 'compliance',
};
