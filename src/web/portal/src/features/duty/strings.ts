import { usePrefs } from '../../app/prefs.js';

/** The report-back pages' strings, zh-CN first (kept with the feature: the portal loads a page's chunk only). */
const strings = {
  listTitle: ['代表述职', "Deputies' report-backs"],
  listIntro: ['人大代表向选民报告履职情况，欢迎您评议。', 'Deputies report to their voters on their work; rate them.'],
  none: ['暂无公开的述职报告', 'No report-back published yet'],
  figures: ['履职数据', 'Figures'],
  meeting: ['述职会：{when} {place}', 'Meeting: {when} {place}'],
  rateTitle: ['我来评议', 'Rate this report-back'],
  rateHelp: ['每项 1—5 分，5 分为最好。', 'Each aspect from 1 to 5; 5 is best.'],
  overall: ['总体评价', 'Overall'],
  satisfied: ['满意', 'Satisfied'],
  basicallySatisfied: ['基本满意', 'Basically satisfied'],
  dissatisfied: ['不满意', 'Dissatisfied'],
  comment: ['意见建议（可不填）', 'Comments (optional)'],
  submit: ['提交评议', 'Send'],
  thanks: ['感谢您的评议！', 'Thank you for rating!'],
  closed: ['评议已结束', 'The rating has closed'],
  result: ['评议 {n} 份，满意率 {share}%', '{n} ratings, {share}% satisfied'],
  print: ['打印', 'Print'],
  back: ['全部述职报告', 'All report-backs'],
  year: ['{year} 年度', '{year}'],
  pick: ['请为每一项打分', 'Rate every aspect'],
} as const;

/** The strings in the reader's language, with `{name}` filled in. */
export function useStrings() {
  const { lang } = usePrefs();
  return (key: keyof typeof strings, vars: Record<string, string | number> = {}) =>
    strings[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** The kinds of activity as the portal names them. */
export const kindNames: Record<string, readonly [string, string]> = {
  reception: ['进站接待', 'Receptions'],
  homeVisit: ['上门接待', 'Home visits'],
  opinionHandled: ['群众意见办理', 'Opinions handled'],
  suggestionLed: ['领衔代表建议', 'Suggestions led'],
  suggestionCoSigned: ['联名代表建议', 'Suggestions co-signed'],
  vote_attendance: ['参加票决', 'Votes attended'],
  inspection: ['视察', 'Inspections'],
  research: ['调研', 'Research'],
  lawEnforcementCheck: ['执法检查', 'Law-enforcement checks'],
  groupActivity: ['代表小组活动', 'Group activities'],
  training: ['学习培训', 'Training'],
  sessionAttendance: ['出席人代会', 'Congress sessions'],
  standingCommitteeMeeting: ['列席常委会会议', 'Standing committee meetings'],
  reportBack: ['向选民述职', 'Report-backs'],
  absence: ['缺席', 'Absences'],
};

export interface PublicReport {
  id: number;
  deputyName: string;
  year: number;
  title: string;
  body: string;
  figures: { kind: string; count: number; cases: string[] }[];
  aspects: string[];
  state: 'published' | 'closed';
  meetingAt: string | null;
  place: string | null;
  publishedAt: string | null;
  result: { ratings: number; satisfiedShare: number; aspects: { aspect: string; average: number }[] } | null;
}
