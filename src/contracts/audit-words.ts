import { actionLabels as opinionActions } from './opinions.js';
import { actionLabels as suggestionActions } from './suggestions.js';

type Label = { zh: string; en: string };

/** What the audit trail's subjects are called. */
export const subjectTypeLabels: Record<string, Label> = {
  user: { zh: '用户', en: 'user' },
  organization: { zh: '组织', en: 'organisation' },
  station: { zh: '联络站', en: 'station' },
  deputy: { zh: '代表', en: 'deputy' },
  deputyGroup: { zh: '代表小组', en: 'deputy group' },
  opinion: { zh: '意见', en: 'opinion' },
  suggestion: { zh: '代表建议', en: 'suggestion' },
  reception: { zh: '接待活动', en: 'reception' },
  receptionPlan: { zh: '接待计划', en: 'reception plan' },
  appointment: { zh: '预约', en: 'appointment' },
  homeVisit: { zh: '入户走访', en: 'home visit' },
  region: { zh: '地区', en: 'region' },
  category: { zh: '意见分类', en: 'category' },
  calendarDay: { zh: '日历日', en: 'calendar day' },
  calendarYear: { zh: '日历年度', en: 'calendar year' },
  notifyDelivery: { zh: '消息发送', en: 'message delivery' },
  notifyInbox: { zh: '站内消息', en: 'in-app message' },
  otp: { zh: '验证码', en: 'one-time code' },
  project: { zh: '民生实事项目', en: 'livelihood project' },
  projectVote: { zh: '票决', en: 'project vote' },
  dutyActivity: { zh: '履职活动', en: 'duty activity' },
  dutyReport: { zh: '述职', en: 'report-back' },
  dutyBulletin: { zh: '知情知政', en: 'bulletin' },
  auditVerifyRun: { zh: '审计日志校验', en: 'audit trail check' },
};

/** Actions of the platform and modules that are not the steps of a process (those come from the process's labels). */
const named: Record<string, Label> = {
  'auth.login': { zh: '登录', en: 'sign in' },
  'auth.login.failed': { zh: '登录失败', en: 'failed sign-in' },
  'auth.login.passwordOk': { zh: '密码正确，待二次验证', en: 'password right, second factor next' },
  'auth.login.disabled': { zh: '停用账号尝试登录', en: 'sign-in to a disabled account' },
  'auth.login.refusedLocked': { zh: '锁定期间尝试登录', en: 'sign-in while locked' },
  'auth.lockout': { zh: '账号锁定', en: 'account locked' },
  'auth.logout': { zh: '退出登录', en: 'sign out' },
  'auth.logoutEverywhere': { zh: '退出所有设备', en: 'sign out everywhere' },
  'auth.session.expired': { zh: '会话过期', en: 'session expired' },
  'auth.password.changed': { zh: '修改密码', en: 'password changed' },
  'auth.password.changeFailed': { zh: '修改密码失败', en: 'password change failed' },
  'auth.mfa.failed': { zh: '二次验证失败', en: 'second factor failed' },
  'auth.totp.begin': { zh: '开始绑定动态口令', en: 'TOTP set-up started' },
  'auth.totp.enabled': { zh: '启用动态口令', en: 'TOTP enabled' },
  'auth.totp.disabled': { zh: '停用动态口令', en: 'TOTP disabled' },
  'audit.search': { zh: '查询审计日志', en: 'search the audit trail' },
  'audit.verify': { zh: '校验审计日志', en: 'verify the audit trail' },
  'audit.export': { zh: '导出审计日志', en: 'export the audit trail' },
  'security.refused': { zh: '越权操作被拒绝', en: 'refused (no right)' },
  'security.csrfRejected': { zh: '跨站请求被拒绝', en: 'cross-site request refused' },
  'user.create': { zh: '新建用户', en: 'create a user' },
  'user.update': { zh: '修改用户', en: 'update a user' },
  'user.unlock': { zh: '解锁用户', en: 'unlock a user' },
  'user.setStatus': { zh: '启用/停用用户', en: 'enable/disable a user' },
  'user.revokeSessions': { zh: '强制下线', en: 'end the sessions' },
  'user.resetPassword': { zh: '重置密码', en: 'reset the password' },
  'role.grant': { zh: '授予角色', en: 'grant a role' },
  'role.revoke': { zh: '撤销角色', en: 'revoke a role' },
  'org.create': { zh: '新建组织', en: 'create an organisation' },
  'org.update': { zh: '修改组织', en: 'update an organisation' },
  'org.importUnits': { zh: '导入承办单位', en: 'import handling units' },
  'region.create': { zh: '新建地区', en: 'create a region' },
  'region.update': { zh: '修改地区', en: 'update a region' },
  'region.import': { zh: '导入行政区划', en: 'import regions' },
  'station.create': { zh: '新建联络站', en: 'create a station' },
  'station.update': { zh: '修改联络站', en: 'update a station' },
  'station.import': { zh: '导入联络站', en: 'import stations' },
  'station.addMember': { zh: '进站代表', en: 'add a deputy to the station' },
  'station.removeMember': { zh: '代表离站', en: 'remove a deputy from the station' },
  'station.addPhoto': { zh: '上传联络站照片', en: 'add a station photo' },
  'station.removePhoto': { zh: '删除联络站照片', en: 'remove a station photo' },
  'station.addInformant': { zh: '新增民情联络员', en: 'add an informant' },
  'station.updateInformant': { zh: '修改民情联络员', en: 'update an informant' },
  'station.revealInformantPhone': { zh: '查看联络员电话', en: "reveal an informant's phone" },
  'deputy.create': { zh: '新增代表', en: 'add a deputy' },
  'deputy.update': { zh: '修改代表', en: 'update a deputy' },
  'deputy.import': { zh: '导入代表名册', en: 'import the register' },
  'deputy.revealContact': { zh: '查看代表联系方式', en: "reveal a deputy's contact" },
  'deputy.unlinkAccount': { zh: '解除代表账号关联', en: "unlink a deputy's account" },
  'group.update': { zh: '修改代表小组', en: 'update a group' },
  'group.removeMember': { zh: '代表小组移出成员', en: 'remove a group member' },
  'opinion.revealContact': { zh: '查看群众联系方式', en: "reveal the constituent's contact" },
  'opinion.ledgerExport': { zh: '导出台账', en: 'export the ledger' },
  'opinion.addFile': { zh: '上传附件', en: 'add a file' },
  'suggestion.draft': { zh: '起草建议', en: 'draft a suggestion' },
  'suggestion.edit': { zh: '修改建议', en: 'edit a suggestion' },
  'suggestion.invite': { zh: '邀请联名', en: 'invite co-signers' },
  'suggestion.uninvite': { zh: '撤销联名邀请', en: 'withdraw an invitation' },
  'suggestion.rules': { zh: '修改建议办理规则', en: 'change the rules' },
  'suggestion.session.create': { zh: '新建会议届次', en: 'create a session' },
  'suggestion.session.open': { zh: '开放/关闭建议提交', en: 'open or close a session' },
  'reception.create': { zh: '新建接待活动', en: 'create a reception' },
  'reception.publish': { zh: '公告接待活动', en: 'announce a reception' },
  'reception.cancel': { zh: '取消接待活动', en: 'cancel a reception' },
  'reception.signIn': { zh: '代表签到', en: 'deputy signs in' },
  'reception.record': { zh: '记录接待情况', en: 'record a reception' },
  'reception.close': { zh: '结束接待活动', en: 'close a reception' },
  'reception.visitors': { zh: '登记接待人数', en: 'count visitors' },
  'reception.addPhoto': { zh: '上传接待照片', en: 'add a reception photo' },
  'appointment.book': { zh: '群众预约', en: 'book an appointment' },
  'appointment.cancel': { zh: '取消预约', en: 'cancel an appointment' },
  'calendar.import': { zh: '导入节假日', en: 'import holidays' },
  'calendar.correct': { zh: '更正日历', en: 'correct the calendar' },
  'calendar.reset': { zh: '恢复官方日历', en: 'reset the calendar' },
  'notify.retry': { zh: '重发消息', en: 'resend a message' },
  'notify.cancel': { zh: '取消消息', en: 'cancel a message' },
  'notify.preference': { zh: '修改通知设置', en: 'change notification settings' },
  'notify.contact': { zh: '修改联系方式', en: 'change contact details' },
  'notify.optout': { zh: '退订短信', en: 'opt out of SMS' },
  'otp.send': { zh: '发送验证码', en: 'send a one-time code' },
  'otp.verify': { zh: '校验验证码', en: 'check a one-time code' },
  'seed.demo': { zh: '生成演示数据', en: 'seed demo data' },
};

/** The words for an audit action code: the steps of opinions and suggestions from their own labels. */
export function auditActionLabel(action: string): Label {
  if (named[action]) return named[action];
  const [scope, verb] = [action.slice(0, action.indexOf('.')), action.slice(action.indexOf('.') + 1)];
  const steps: Record<string, Record<string, Label>> = { opinion: opinionActions, suggestion: suggestionActions };
  const step = steps[scope]?.[verb];
  if (step) return step;
  return { zh: action, en: action };
}

/** The actions an auditor picks from (the filter's list), in the order above, steps after. */
export function knownAuditActions(): string[] {
  return [
    ...Object.keys(named),
    ...Object.keys(opinionActions).map((a) => `opinion.${a}`),
    ...Object.keys(suggestionActions).map((a) => `suggestion.${a}`),
  ];
}
