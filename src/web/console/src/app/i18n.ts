import { useCallback, useMemo } from 'react';
import { calendarMessages } from '../features/calendar/messages.js';
import { deputyMessages } from '../features/deputies/messages.js';
import { groupMessages } from '../features/groups/messages.js';
import { homeMessages } from '../features/home/messages.js';
import { importMessages } from '../features/imports/messages.js';
import { notificationMessages } from '../features/notifications/messages.js';
import { opinionMessages } from '../features/opinions/messages.js';
import { receptionMessages } from '../features/receptions/messages.js';
import { orgMessages } from '../features/orgs/messages.js';
import { regionMessages } from '../features/regions/messages.js';
import { stationMessages } from '../features/stations/messages.js';
import { open311Messages } from '../features/open311/messages.js';
import { suggestionMessages } from '../features/suggestions/messages.js';
import { projectMessages } from '../features/projects/messages.js';
import { dutyMessages } from '../features/duty/messages.js';
import { dutyEventMessages } from '../features/duty/events-messages.js';
import { dutyMoreMessages } from '../features/duty/more-messages.js';
import { dutyDigestMessages } from '../features/duty/digest-messages.js';
import { statisticsMessages } from '../features/statistics/messages.js';
import { usePrefs } from './prefs.js';

export type Lang = 'zh-CN' | 'en';

/**
 * The strings of the console's shell (app, nav, header, common, errors, session expiry) and of the
 * screens not yet moved into a feature folder's `messages.ts` (auth, home, users, audit, account),
 * in Chinese (the default).
 */
const coreZh = {
  'app.name': '代表联络站履职服务平台',
  'app.brand': 'Liaison',
  'app.console': '工作台',
  'app.loading': '正在加载…',

  'nav.home': '首页',
  'nav.stations': '联络站',
  'nav.deputies': '人大代表',
  'nav.users': '用户管理',
  'nav.orgs': '组织机构',
  'nav.audit': '审计日志',
  'nav.account': '我的账号',
  'nav.label': '主导航',
  'nav.toggle': '导航菜单',

  'header.langSwitch': 'English',
  'header.langSwitchLabel': 'Switch to English',
  'header.largeText': '大字模式',
  'header.userMenuLabel': '用户菜单',
  'header.myAccount': '我的账号',
  'header.logout': '退出登录',
  'header.logoutEverywhere': '退出所有设备',
  'header.logoutEverywhereConfirm': '将结束您在所有设备和浏览器上的登录（包括当前这一个），确定吗？',

  'common.ok': '确定',
  'common.cancel': '取消',
  'common.close': '关闭',
  /** After a label before its value: full-width in Chinese, ": " in English. */
  'common.colon': '：',
  'common.search': '查询',
  'common.reset': '重置',
  'common.loadMore': '加载更多',
  'common.noMore': '已全部加载',
  'common.all': '全部',
  'common.retry': '重试',
  'common.details': '详情',
  'common.actions': '操作',
  'common.none': '无',
  'common.on': '已启用',
  'common.off': '未启用',
  'common.required': '必填',
  'common.shown': '已显示 {n} 条',
  'common.done': '操作成功',
  'common.columns': '显示列',
  'common.more': '展开',
  'common.less': '收起',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.unavailable': '暂时无法连接，请稍后重试',
  'error.unexpected': '服务器返回了无法识别的内容，请稍后再试',
  'error.requestId': '请求编号：{id}',
  'error.forbiddenPage': '您没有权限查看此页面',
  'error.notFound': '页面不存在',
  'error.backHome': '返回首页',
  'error.loadFailed': '加载失败',

  'expired.title': '登录已过期',
  'expired.body': '登录已过期，请重新登录。',
  'expired.action': '重新登录',

  'login.title': '登录',
  'login.subtitle': '工作人员和代表登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.lockedUntil': '锁定将于 {time} 解除。',
  'login.footer': '仅限授权的工作人员和人大代表使用，所有操作均记录在审计日志中。',

  'mfa.title': '两步验证',
  'mfa.hint': '请输入身份验证器应用中显示的 6 位动态验证码。',
  'mfa.code': '动态验证码',
  'mfa.codeInvalid': '请输入 6 位数字',
  'mfa.submit': '验证',
  'mfa.back': '返回登录',

  'pw.title': '修改密码',
  'pw.firstLogin': '首次登录或密码被重置后，须先设置新密码才能继续使用。',
  'pw.current': '当前密码',
  'pw.new': '新密码',
  'pw.confirm': '确认新密码',
  'pw.submit': '修改密码',
  'pw.currentRequired': '请输入当前密码',
  'pw.newRequired': '请输入新密码',
  'pw.confirmRequired': '请再次输入新密码',
  'pw.mismatch': '两次输入的新密码不一致',
  'pw.rules': '密码要求',
  'pw.rule.length': '至少 8 个字符',
  'pw.rule.classes': '包含小写字母、大写字母、数字、符号中的至少 3 类',
  'pw.rule.username': '不能包含用户名',
  'pw.weak': '新密码不符合要求',
  'pw.changed': '密码已修改',
  'pw.signOut': '退出登录',

  'home.welcome': '欢迎，{name}',
  'home.username': '用户名',
  'home.org': '所属机构',
  'home.roles': '角色',
  'home.noRoles': '暂未被授予角色，请联系安全管理员。',
  'home.totp': '两步验证',
  'home.totpOffHint': '建议在“我的账号”中启用两步验证。',
  'home.shortcuts': '您可以使用的功能',
  'home.stationsDesc': '联络站信息、代表进站与规范化检查',
  'home.deputiesDesc': '辖区人大代表名册与履职信息',
  'home.usersDesc': '查看和管理辖区内的工作人员账号',
  'home.orgsDesc': '查看组织机构树',
  'home.auditDesc': '查询操作记录，校验审计链完整性',
  'home.accountDesc': '修改密码、两步验证、退出所有设备',

  'users.title': '用户管理',
  'users.searchPlaceholder': '搜索用户名或姓名',
  'users.orgFilter': '所属机构',
  'users.statusFilter': '状态',
  'users.status.active': '启用',
  'users.status.disabled': '停用',
  'users.statusAll': '全部状态',
  'users.create': '新建用户',
  'users.col.username': '用户名',
  'users.col.displayName': '姓名',
  'users.col.org': '所属机构',
  'users.col.roles': '角色',
  'users.col.status': '状态',
  'users.col.lastLogin': '最近登录',
  'users.never': '从未登录',
  'users.tag.locked': '已锁定',
  'users.tag.lockedUntil': '锁定至 {time}',
  'users.tag.mustChange': '需修改密码',
  'users.tag.totp': '两步验证',
  'users.empty': '没有符合条件的用户',
  'users.detail': '用户详情',
  'users.drawerTitle': '{name}（{username}）',
  'users.section.info': '基本信息',
  'users.section.roles': '角色',
  'users.section.actions': '账号操作',
  'users.resetPassword': '重置密码',
  'users.resetConfirm': '将为“{name}”生成一次性临时密码，原密码立即失效。确定吗？',
  'users.disable': '停用账号',
  'users.enable': '启用账号',
  'users.disableConfirm': '停用后“{name}”将无法登录，其现有登录也会结束。确定吗？',
  'users.enableConfirm': '确定重新启用“{name}”的账号吗？',
  'users.unlock': '解除锁定',
  'users.unlocked': '已解除锁定',
  'users.forceLogout': '强制下线',
  'users.forceLogoutConfirm': '将结束“{name}”在所有设备上的登录。确定吗？',
  'users.forceLogoutDone': '已结束 {n} 个会话',
  'users.statusChanged': '账号状态已更新',
  'users.grantRole': '授予角色',
  'users.role': '角色',
  'users.roleOrg': '作用机构',
  'users.roleRequired': '请选择角色',
  'users.orgRequired': '请选择机构',
  'users.grant': '授予',
  'users.revoke': '撤销',
  'users.revokeConfirm': '撤销角色“{role}”（{org}）？',
  'users.roleGranted': '已授予角色',
  'users.roleRevoked': '已撤销角色',
  'users.noRoles': '暂无角色',
  'users.created': '已创建用户',
  'users.lastLogin': '最近登录',

  'create.title': '新建用户',
  'create.username': '用户名',
  'create.usernameHelp': '3–64 位小写字母、数字或 . _ -，创建后不可修改',
  'create.usernameInvalid': '3–64 位小写字母、数字或 . _ -，以字母或数字开头',
  'create.displayName': '姓名',
  'create.org': '所属机构',
  'create.submit': '创建',

  'tempPw.title': '临时密码',
  'tempPw.for': '用户：{name}（{username}）',
  'tempPw.hint': '请通过安全渠道将临时密码交给本人。此密码只显示这一次，关闭后无法再次查看；用户首次登录时须立即修改。',
  'tempPw.copy': '复制密码',
  'tempPw.copied': '已复制',
  'tempPw.done': '我已记下',

  'audit.title': '审计日志',
  'audit.actor': '操作人',
  'audit.actorPlaceholder': '用户名',
  'audit.action': '操作',
  'audit.actionPlaceholder': '如 auth.login，或前缀 auth.',
  'audit.subjectType': '对象类型',
  'audit.subjectId': '对象编号',
  'audit.time': '时间范围',
  'audit.col.time': '时间',
  'audit.col.actor': '操作人',
  'audit.col.action': '操作',
  'audit.col.subject': '对象',
  'audit.col.ip': 'IP 地址',
  'audit.col.requestId': '请求编号',
  'audit.summary': '详情',
  'audit.field': '字段',
  'audit.before': '修改前',
  'audit.after': '修改后',
  'audit.export': '导出 Excel',
  'audit.userAgent': '浏览器标识',
  'audit.system': '系统',
  'audit.anonymous': '未登录',
  'audit.empty': '没有符合条件的记录',
  'audit.verify': '校验审计链',
  'audit.verifyOk': '审计链完整：共校验 {n} 行，未发现篡改。',
  'audit.verifyOkSince':
    '审计链完整：校验了 {at} 见证点之后写入的 {n} 行，未发现篡改。更早的记录本次未读取，要校验它们请选“全部记录”。',
  'audit.verifyRange': '校验范围',
  'audit.verifyRange.all': '全部记录',
  'audit.verifyRange.1': '最近一天写入的记录',
  'audit.verifyRange.7': '最近七天写入的记录',
  'audit.verifyRange.30': '最近三十天写入的记录',
  'audit.verifyHint':
    '校验在后台进行，可离开本页，回来再看结果。全部校验的用时随记录增多而增长（每秒约八万行，三千万行约六分钟）；日常可只校验最近写入的记录。',
  'audit.verifyRunning': '正在校验：已校验 {n} 行，约 {total} 行',
  'audit.verifyRunningSince': '正在校验 {at} 起写入的记录：已校验 {n} 行，约 {total} 行',
  'audit.verifyRunBy': '{name} 于 {at} 发起',
  'audit.verifyInterrupted': '上次校验未完成（服务器在校验中途停止），请重新校验。',
  'audit.verifyFailed': '校验出错：{error}',
  'audit.verifyBroken': '审计链在第 {row} 行断开：{reason}',
  'audit.verifyBrokenNoRow': '审计链校验未通过：{reason}',
  'audit.reason.link': '与上一行的链接不符（有记录被删除或插入）',
  'audit.reason.hash': '记录内容被改动（校验码不符）',
  'audit.reason.truncated': '末尾的记录不见了：被删除，或数据库恢复自较早的备份',
  'audit.reason.witness': '审计见证文件被改动',

  'account.title': '我的账号',
  'account.profile': '基本信息',
  'account.password': '修改密码',
  'account.totp': '两步验证',
  'account.totpOn': '已启用两步验证：登录时除密码外还需输入身份验证器中的动态验证码。',
  'account.totpOff': '未启用。启用后，登录时除密码外还需输入身份验证器应用中的 6 位动态验证码。',
  'account.totpStart': '启用两步验证',
  'account.totpScan': '用身份验证器应用扫描二维码（或手动输入下方密钥），然后输入应用显示的 6 位验证码完成启用。',
  'account.totpSecret': '密钥',
  'account.totpQr': '两步验证二维码',
  'account.totpConfirm': '确认启用',
  'account.totpEnabled': '两步验证已启用',
  'account.totpDisable': '停用两步验证',
  'account.totpDisablePassword': '登录密码',
  'account.totpDisabled': '两步验证已停用',
  'account.everywhere': '退出所有设备',
  'account.everywhereText':
    '结束您在所有设备和浏览器上的登录，包括当前这一个。怀疑账号被他人使用时请立即操作并修改密码。',
  'account.everywhereDone': '已结束 {n} 个会话',
} as const;

/**
 * Features keep their strings in `features/<feature>/messages.ts` (made with `defineMessages`
 * from `define-messages.ts`) and are listed here, one import and one entry each.
 */
const featureMessages = [
  homeMessages,
  calendarMessages,
  deputyMessages,
  opinionMessages,
  notificationMessages,
  stationMessages,
  orgMessages,
  regionMessages,
  groupMessages,
  importMessages,
  receptionMessages,
  open311Messages,
  suggestionMessages,
  projectMessages,
  dutyMessages,
  dutyEventMessages,
  dutyMoreMessages,
  dutyDigestMessages,
  statisticsMessages,
] as const;

type FeatureDict = { zh: Record<string, string>; en: Record<string, string> };
type KeysOf<T> = T extends { zh: infer Z } ? keyof Z : never;
type FeatureKey = KeysOf<(typeof featureMessages)[number]>;
export type MessageKey = keyof typeof coreZh | FeatureKey;

const coreEn: Record<keyof typeof coreZh, string> = {
  'app.name': 'Liaison',
  'app.brand': '代表联络站履职服务平台',
  'app.console': 'Workspace',
  'app.loading': 'Loading…',

  'nav.home': 'Home',
  'nav.stations': 'Stations',
  'nav.deputies': 'Deputies',
  'nav.users': 'Users',
  'nav.orgs': 'Organisations',
  'nav.audit': 'Audit log',
  'nav.account': 'My account',
  'nav.label': 'Main navigation',
  'nav.toggle': 'Navigation menu',

  'header.langSwitch': '中文',
  'header.langSwitchLabel': '切换到中文',
  'header.largeText': 'Large text',
  'header.userMenuLabel': 'User menu',
  'header.myAccount': 'My account',
  'header.logout': 'Sign out',
  'header.logoutEverywhere': 'Sign out everywhere',
  'header.logoutEverywhereConfirm': 'This ends your sessions on every device and browser, this one included. Continue?',

  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.colon': ': ',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.loadMore': 'Load more',
  'common.noMore': 'All loaded',
  'common.all': 'All',
  'common.retry': 'Retry',
  'common.details': 'Details',
  'common.actions': 'Actions',
  'common.none': 'None',
  'common.on': 'On',
  'common.off': 'Off',
  'common.required': 'Required',
  'common.shown': '{n} shown',
  'common.done': 'Done',
  'common.columns': 'Columns',
  'common.more': 'More',
  'common.less': 'Less',

  'error.network': 'Cannot reach the server; check the connection and try again',
  'error.unavailable': 'Cannot connect right now, please try again shortly',
  'error.unexpected': 'The server sent an unexpected response; try again later',
  'error.requestId': 'Request ID: {id}',
  'error.forbiddenPage': 'You are not allowed to view this page',
  'error.notFound': 'Page not found',
  'error.backHome': 'Back to home',
  'error.loadFailed': 'Could not load',

  'expired.title': 'Session expired',
  'expired.body': 'Your session has expired; please sign in again.',
  'expired.action': 'Sign in again',

  'login.title': 'Sign in',
  'login.subtitle': 'Sign-in for staff and deputies',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.lockedUntil': 'The lock ends at {time}.',
  'login.footer': 'For authorised staff and deputies only. Every action is recorded in the audit log.',

  'mfa.title': 'Two-step verification',
  'mfa.hint': 'Enter the 6-digit code shown in your authenticator app.',
  'mfa.code': 'One-time code',
  'mfa.codeInvalid': 'Enter the 6 digits',
  'mfa.submit': 'Verify',
  'mfa.back': 'Back to sign-in',

  'pw.title': 'Change password',
  'pw.firstLogin': 'Set a new password before you continue (first sign-in, or your password was reset).',
  'pw.current': 'Current password',
  'pw.new': 'New password',
  'pw.confirm': 'Confirm new password',
  'pw.submit': 'Change password',
  'pw.currentRequired': 'Enter your current password',
  'pw.newRequired': 'Enter a new password',
  'pw.confirmRequired': 'Enter the new password again',
  'pw.mismatch': 'The two new passwords differ',
  'pw.rules': 'Password rules',
  'pw.rule.length': 'At least 8 characters',
  'pw.rule.classes': 'At least 3 of: lower-case letters, upper-case letters, digits, symbols',
  'pw.rule.username': 'Must not contain the username',
  'pw.weak': 'The new password does not meet the rules',
  'pw.changed': 'Password changed',
  'pw.signOut': 'Sign out',

  'home.welcome': 'Welcome, {name}',
  'home.username': 'Username',
  'home.org': 'Organisation',
  'home.roles': 'Roles',
  'home.noRoles': 'You hold no role yet; ask a security administrator.',
  'home.totp': 'Two-step verification',
  'home.totpOffHint': 'Consider turning on two-step verification under My account.',
  'home.shortcuts': 'What you can do',
  'home.stationsDesc': 'Station details, deputies on station and the compliance check',
  'home.deputiesDesc': 'The register of deputies in your scope',
  'home.usersDesc': 'See and manage the staff accounts in your scope',
  'home.orgsDesc': 'Browse the organisation tree',
  'home.auditDesc': 'Search the audit trail and verify its integrity',
  'home.accountDesc': 'Password, two-step verification, sign out everywhere',

  'users.title': 'Users',
  'users.searchPlaceholder': 'Search username or name',
  'users.orgFilter': 'Organisation',
  'users.statusFilter': 'Status',
  'users.status.active': 'Active',
  'users.status.disabled': 'Disabled',
  'users.statusAll': 'All statuses',
  'users.create': 'New user',
  'users.col.username': 'Username',
  'users.col.displayName': 'Name',
  'users.col.org': 'Organisation',
  'users.col.roles': 'Roles',
  'users.col.status': 'Status',
  'users.col.lastLogin': 'Last sign-in',
  'users.never': 'Never',
  'users.tag.locked': 'Locked',
  'users.tag.lockedUntil': 'Locked until {time}',
  'users.tag.mustChange': 'Must change password',
  'users.tag.totp': 'Two-step',
  'users.empty': 'No users match',
  'users.detail': 'User details',
  'users.drawerTitle': '{name} ({username})',
  'users.section.info': 'Profile',
  'users.section.roles': 'Roles',
  'users.section.actions': 'Account actions',
  'users.resetPassword': 'Reset password',
  'users.resetConfirm': 'Issue a one-time password for “{name}”? The current password stops working at once.',
  'users.disable': 'Disable account',
  'users.enable': 'Enable account',
  'users.disableConfirm': '“{name}” will not be able to sign in and current sessions end. Continue?',
  'users.enableConfirm': 'Enable the account of “{name}” again?',
  'users.unlock': 'Unlock',
  'users.unlocked': 'Unlocked',
  'users.forceLogout': 'Force sign-out',
  'users.forceLogoutConfirm': 'End every session of “{name}” on every device?',
  'users.forceLogoutDone': '{n} sessions ended',
  'users.statusChanged': 'Account status updated',
  'users.grantRole': 'Grant a role',
  'users.role': 'Role',
  'users.roleOrg': 'On organisation',
  'users.roleRequired': 'Choose a role',
  'users.orgRequired': 'Choose an organisation',
  'users.grant': 'Grant',
  'users.revoke': 'Revoke',
  'users.revokeConfirm': 'Revoke the role “{role}” ({org})?',
  'users.roleGranted': 'Role granted',
  'users.roleRevoked': 'Role revoked',
  'users.noRoles': 'No roles',
  'users.created': 'User created',
  'users.lastLogin': 'Last sign-in',

  'create.title': 'New user',
  'create.username': 'Username',
  'create.usernameHelp': '3–64 lower-case letters, digits or . _ -; cannot be changed later',
  'create.usernameInvalid': '3–64 lower-case letters, digits or . _ -, starting with a letter or digit',
  'create.displayName': 'Name',
  'create.org': 'Organisation',
  'create.submit': 'Create',

  'tempPw.title': 'Temporary password',
  'tempPw.for': 'User: {name} ({username})',
  'tempPw.hint':
    'Hand this password to the person through a safe channel. It is shown only this once; they must change it when they first sign in.',
  'tempPw.copy': 'Copy password',
  'tempPw.copied': 'Copied',
  'tempPw.done': 'I have noted it',

  'audit.title': 'Audit log',
  'audit.actor': 'Actor',
  'audit.actorPlaceholder': 'username',
  'audit.action': 'Action',
  'audit.actionPlaceholder': 'e.g. auth.login, or the prefix auth.',
  'audit.subjectType': 'Subject type',
  'audit.subjectId': 'Subject ID',
  'audit.time': 'Time range',
  'audit.col.time': 'Time',
  'audit.col.actor': 'Actor',
  'audit.col.action': 'Action',
  'audit.col.subject': 'Subject',
  'audit.col.ip': 'IP address',
  'audit.col.requestId': 'Request ID',
  'audit.summary': 'Details',
  'audit.field': 'Field',
  'audit.before': 'Before',
  'audit.after': 'After',
  'audit.export': 'Export to Excel',
  'audit.userAgent': 'User agent',
  'audit.system': 'System',
  'audit.anonymous': 'Not signed in',
  'audit.empty': 'No entries match',
  'audit.verify': 'Verify chain',
  'audit.verifyOk': 'The chain is intact: {n} rows checked, no tampering found.',
  'audit.verifyOkSince':
    'The chain is intact: {n} rows written after the witness point of {at} checked, no tampering found. Older rows were not read this time; choose "All rows" to check them.',
  'audit.verifyRange': 'Rows to check',
  'audit.verifyRange.all': 'All rows',
  'audit.verifyRange.1': 'Rows written in the last day',
  'audit.verifyRange.7': 'Rows written in the last 7 days',
  'audit.verifyRange.30': 'Rows written in the last 30 days',
  'audit.verifyHint':
    'The check runs in the background: you may leave this page and come back for the result. Checking all rows takes longer as the trail grows (about 80,000 rows a second: 30 million in about six minutes); check the recent rows day to day.',
  'audit.verifyRunning': 'Checking: {n} of about {total} rows checked',
  'audit.verifyRunningSince': 'Checking the rows written since {at}: {n} of about {total} rows checked',
  'audit.verifyRunBy': 'Started by {name} at {at}',
  'audit.verifyInterrupted': 'The last check did not finish (the server stopped during it). Please check again.',
  'audit.verifyFailed': 'The check failed: {error}',
  'audit.verifyBroken': 'The chain is broken at row {row}: {reason}',
  'audit.verifyBrokenNoRow': 'The chain failed verification: {reason}',
  'audit.reason.link': 'it does not link to the row before (a row was removed or inserted)',
  'audit.reason.hash': 'its content was changed (the HMAC does not match)',
  'audit.reason.truncated': 'the newest rows are gone: deleted, or the database was restored from an older backup',
  'audit.reason.witness': 'the audit witness file was altered',

  'account.title': 'My account',
  'account.profile': 'Profile',
  'account.password': 'Change password',
  'account.totp': 'Two-step verification',
  'account.totpOn':
    'Two-step verification is on: signing in asks for a code from your authenticator app as well as the password.',
  'account.totpOff': 'Off. When on, signing in also asks for the 6-digit code from an authenticator app.',
  'account.totpStart': 'Turn on two-step verification',
  'account.totpScan':
    'Scan the QR code with an authenticator app (or type the key below), then enter the 6-digit code it shows.',
  'account.totpSecret': 'Key',
  'account.totpQr': 'Two-step verification QR code',
  'account.totpConfirm': 'Confirm',
  'account.totpEnabled': 'Two-step verification is on',
  'account.totpDisable': 'Turn off two-step verification',
  'account.totpDisablePassword': 'Your password',
  'account.totpDisabled': 'Two-step verification is off',
  'account.everywhere': 'Sign out everywhere',
  'account.everywhereText':
    'Ends your sessions on every device and browser, this one included. Do it at once, and change your password, if you think someone else used your account.',
  'account.everywhereDone': '{n} sessions ended',
};

const zh = Object.assign({}, coreZh, ...(featureMessages as readonly FeatureDict[]).map((m) => m.zh)) as Record<
  MessageKey,
  string
>;
const en = Object.assign({}, coreEn, ...(featureMessages as readonly FeatureDict[]).map((m) => m.en)) as Record<
  MessageKey,
  string
>;

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = lang === 'en' ? en[key] : zh[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The translate function of the current UI language. */
export function useT(): Translate {
  const { lang } = usePrefs();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}

const DATE_FORMATS = {
  time: { hour: '2-digit', minute: '2-digit', hour12: false },
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  dateTime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** One formatter per language and form (building one is far dearer than using it, and lists format a row at a time). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(form: keyof typeof DATE_FORMATS, iso: string, lang: Lang) {
  const key = `${lang} ${form}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, DATE_FORMATS[form])));
  return f.format(new Date(iso));
}

/** A time of day (hours and minutes, 24-hour) in the UI language, in the browser's time zone. */
export function formatTime(iso: string, lang: Lang): string {
  return format('time', iso, lang);
}

/** A calendar date in the UI language, in the browser's time zone. */
export function formatDate(iso: string, lang: Lang): string {
  return format('date', iso, lang);
}

/** A date and time in the UI language, in the browser's time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  return format('dateTime', iso, lang);
}

/** `formatDateTime`, `formatDate` and `formatTime` bound to the current UI language. */
export function useDateFormat(): {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  time: (iso: string) => string;
} {
  const { lang } = usePrefs();
  return useMemo(
    () => ({
      dateTime: (iso: string) => formatDateTime(iso, lang),
      date: (iso: string) => formatDate(iso, lang),
      time: (iso: string) => formatTime(iso, lang),
    }),
    [lang],
  );
}
