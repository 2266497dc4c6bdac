import { usePrefs } from '../../app/prefs.js';
import { useT } from '../../app/i18n.js';

const zh = [
  [
    '收集什么',
    '您反映的内容、地点和照片（照片中的位置信息会被去除）；您自愿留下的姓名和手机号码。匿名反映时不收集姓名和电话。',
  ],
  [
    '为什么收集',
    '用于登记、交办、办理您反映的事项，并把办理结果反馈给您、请您评价。手机号码经短信验证码确认是您本人的。',
  ],
  [
    '谁能看到',
    '联络站工作人员、人大代表和承办单位中负责办理的人员；他们看到的姓名和电话是部分隐藏的，查看完整信息会留下记录。办理进度公开时不显示姓名和电话。',
  ],
  ['保存多久', '按人大代表履职档案和信访类资料的规定保存，到期后删除或匿名化。姓名和电话在数据库中加密存放。'],
  ['您的权利', '您可以通过受理编号查询进度；如需更正或删除个人信息，可到联络站或拨打联络站公布的电话提出。'],
];
const en = [
  [
    'What we collect',
    'What you raise, where, and your photos (location data removed); your name and phone if you choose to give them. Nothing of the kind when you write anonymously.',
  ],
  [
    'Why',
    'To register, pass on and handle what you raised, tell you the result and ask for your rating. A phone is confirmed by an SMS code.',
  ],
  [
    'Who sees it',
    'Station staff, deputies and the unit handling it; they see your name and phone partly masked, and every full view is recorded. The public progress page shows neither.',
  ],
  [
    'How long',
    "As long as the rules for deputies' records require; then deleted or anonymised. Names and phones are stored encrypted.",
  ],
  [
    'Your rights',
    'Follow the progress with your receipt code; to correct or delete your data, ask the station in person or by its published phone.',
  ],
];

/** What is collected, why, who sees it and for how long (the consent on the form points here). */
export default function PrivacyPage() {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <article className="card">
      <h1>{t('privacyTitle')}</h1>
      {(lang === 'en' ? en : zh).map(([h, p]) => (
        <section key={h}>
          <h2>{h}</h2>
          <p>{p}</p>
        </section>
      ))}
    </article>
  );
}
