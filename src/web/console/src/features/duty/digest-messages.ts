import { defineMessages } from '../../app/define-messages.js';

/** A deputy's digest (documents × their open suggestions) and the 建议办理先进单位 ranking's explanation. */
export const dutyDigestMessages = defineMessages(
  {
    'dutyDigest.title': '与我的建议相关的新文件',
    'dutyDigest.intro': '近 {days} 天推送给您的文件中，与您领衔或附议、尚未办结的建议（{n} 件）有关的',
    'dutyDigest.all': '全部',
    'dutyDigest.empty': '暂无与您在办建议相关的新文件',
    'dutyDigest.noOpen': '您目前没有在办的建议',
    'dutyDigest.unread': '未读',
    'dutyDigest.read': '已读',
    'dutyDigest.concerns': '关联建议：',
    'dutyDigest.lead': '领衔',
    'dutyDigest.coSigner': '附议',
    'dutyDigest.why': '关联原因：{reasons}',
    'dutyDigest.sep': '；',
    'dutyDigest.wordSep': '、',
    'dutyDigest.unit': '提到承办单位 {unit}',
    'dutyDigest.category': '主题与建议类别同为“{category}”',
    'dutyDigest.words': '共同关键词：{words}',
    'dutyDigest.more': '另有 {n} 份，查看全部',
    'dutyDigest.unitHow':
      '排名依据本年度提交的建议的办理记录：得分 = 按时答复率 × 40 + 代表满意度 × 40 + 解决采纳率 × 20。按时答复率 = 按期答复件数 ÷（已答复 + 逾期未答复）；满意度 =（满意 + 基本满意 × 0.5）÷ 已评价件数（以代表最终评价为准）；解决采纳率 = A 类答复件数 ÷ 已答复件数。同分时答复件数多者在前。排名仅供参考，由常委会决定并记录。',
  },
  {
    'dutyDigest.title': 'New documents on my suggestions',
    'dutyDigest.intro':
      'Documents sent to you in the last {days} days that concern your open suggestions, led or co-signed ({n})',
    'dutyDigest.all': 'All',
    'dutyDigest.empty': 'No new documents concern your open suggestions',
    'dutyDigest.noOpen': 'You have no open suggestions',
    'dutyDigest.unread': 'Unread',
    'dutyDigest.read': 'Read',
    'dutyDigest.concerns': 'Concerns: ',
    'dutyDigest.lead': 'Led',
    'dutyDigest.coSigner': 'Co-signed',
    'dutyDigest.why': 'Why: {reasons}',
    'dutyDigest.sep': '; ',
    'dutyDigest.wordSep': ', ',
    'dutyDigest.unit': 'names the handling unit {unit}',
    'dutyDigest.category': 'its topic is the category "{category}"',
    'dutyDigest.words': 'shared keywords: {words}',
    'dutyDigest.more': '{n} more — see all',
    'dutyDigest.unitHow':
      "Ranked on the handling record of the suggestions submitted this year: score = on-time rate × 40 + deputies' satisfaction × 40 + solved share × 20. On-time rate = answered in time ÷ (answered + overdue unanswered); satisfaction = (satisfied + basically satisfied × 0.5) ÷ rated (the deputies' final rating); solved share = class-A answers ÷ answered. Ties: more answers first. The ranking only proposes; the committee decides and it is recorded.",
  },
);
