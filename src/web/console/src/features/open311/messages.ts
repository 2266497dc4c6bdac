import { defineMessages } from '../../app/define-messages.js';

export const open311Messages = defineMessages(
  {
    'nav.open311': '开放接口',
    'open311.title': 'Open311 开放接口密钥',
    'open311.intro':
      '第三方系统（如 12345 热线、城市管理平台）按 Open311 GeoReport v2 标准向本平台提交和查询群众诉求。每个对接系统使用一把密钥；密钥只在签发时显示一次。',
    'open311.endpoint': '接口地址',
    'open311.issue': '签发密钥',
    'open311.name': '对接系统名称',
    'open311.org': '归属机构（诉求分到其下最近的联络站）',
    'open311.issued': '密钥已签发',
    'open311.issuedText': '请立即复制并安全交给对接方。关闭后将无法再次查看。',
    'open311.copy': '复制',
    'open311.revoke': '吊销',
    'open311.revokeConfirm': '吊销后，使用该密钥的系统将无法再提交诉求。确定吊销吗？',
    'open311.revoked': '已吊销',
    'open311.active': '有效',
    'open311.hint': '密钥尾号',
    'open311.createdAt': '签发时间',
    'open311.status': '状态',
  },
  {
    'nav.open311': 'Open311',
    'open311.title': 'Open311 API keys',
    'open311.intro':
      'Other systems (the 12345 hotline, city management platforms) submit and look up requests here through the Open311 GeoReport v2 standard. Each system has a key of its own; a key is shown only once, when issued.',
    'open311.endpoint': 'Endpoint',
    'open311.issue': 'Issue a key',
    'open311.name': 'Name of the system',
    'open311.org': 'Organisation (requests go to its nearest station)',
    'open311.issued': 'Key issued',
    'open311.issuedText': 'Copy it now and hand it over safely. It cannot be shown again once closed.',
    'open311.copy': 'Copy',
    'open311.revoke': 'Revoke',
    'open311.revokeConfirm': 'Systems using this key will no longer be able to submit. Revoke it?',
    'open311.revoked': 'Revoked',
    'open311.active': 'Active',
    'open311.hint': 'Ends in',
    'open311.createdAt': 'Issued',
    'open311.status': 'Status',
  },
);
