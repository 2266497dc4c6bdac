import { z } from 'zod';

/** Roles a staff user can hold, each on an organisation subtree. */
export const roles = [
  'admin',
  'securityAdmin',
  'auditor',
  'districtOfficer',
  'streetOfficer',
  'streetHead',
  'stationHead',
  'liaisonOfficer',
  'deputy',
  'handlingUnitStaff',
  'consultant',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

/** 三权分立: no person holds two of these. */
export const separatedRoles: readonly Role[] = ['admin', 'securityAdmin', 'auditor'];

/** Everything a user may be allowed to do; the console hides what is not in a user's list. */
export const actions = [
  'org.read',
  'user.read',
  'user.create',
  'user.update',
  'user.resetPassword',
  'user.unlock',
  'user.revokeSessions',
  'role.grant',
  'audit.read',
  'station.read',
  'station.manage',
  'deputy.read',
  'deputy.manage',
  'deputy.revealContact',
  'calendar.read',
  'calendar.manage',
  'org.manage',
  'region.manage',
  'informant.revealContact',
  'opinion.read',
  'opinion.register',
  'opinion.revealContact',
  'opinion.ledger',
  'opinion.signOff',
  'category.manage',
  'open311.manage',
  'notify.read',
  'notify.manage',
  'reception.read',
  'reception.manage',
  'reception.approve',
  'suggestion.read',
  'suggestion.draft',
  'suggestion.review',
  'suggestion.handle',
  'project.read',
  'project.propose',
  'project.manage',
  'project.report',
  'project.vote',
  'duty.own',
  'duty.read',
  'duty.check',
  'duty.manage',
  'statistics.read',
  'statistics.unit',
  'statistics.signals',
  'statistics.topics',
] as const;
export const Action = z.enum(actions);
export type Action = z.infer<typeof Action>;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  securityAdmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Auditor' },
  districtOfficer: { zh: '代表工委工作人员', en: 'District deputy affairs officer' },
  streetOfficer: { zh: '街道人大工委工作人员', en: 'Street working committee officer' },
  streetHead: { zh: '街道负责人（签批交办）', en: 'Street office head (signs assignments)' },
  stationHead: { zh: '联络站站长', en: 'Station head' },
  liaisonOfficer: { zh: '联络员', en: 'Liaison officer' },
  deputy: { zh: '人大代表', en: 'Deputy' },
  handlingUnitStaff: { zh: '承办单位工作人员', en: 'Handling unit staff' },
  consultant: { zh: '工作咨询员', en: 'Consultant' },
};
