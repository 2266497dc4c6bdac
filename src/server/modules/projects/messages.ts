import type { MessageTemplate } from '../../platform/notify/templates.js';

/** The texts of the projects module's message types (the types: contracts/notify.ts), Chinese first. */
export const projectTemplates = {
  'project.chosen': {
    smsParams: ['title', 'link'],
    'zh-CN': {
      sms: '您反映的意见已形成民生实事项目《{title}》，经人大代表票决入选，进展可查看：{link}',
      title: '民生实事项目入选',
      body: '您反映的意见已形成民生实事项目《{title}》，经人大代表票决入选。实施进展：{link}',
    },
    en: {
      sms: 'Your opinion became the livelihood project "{title}", chosen by the deputies\' vote. Progress: {link}',
      title: 'Livelihood project chosen',
      body: 'Your opinion became the livelihood project "{title}", chosen by the deputies\' vote. Progress: {link}',
    },
  },
  'project.done': {
    smsParams: ['title', 'link'],
    'zh-CN': {
      sms: '民生实事项目《{title}》已完成，详情：{link}',
      title: '民生实事项目完成',
      body: '由您反映的意见形成的民生实事项目《{title}》已完成。详情：{link}',
    },
    en: {
      sms: 'The livelihood project "{title}" is done. Details: {link}',
      title: 'Livelihood project done',
      body: 'The livelihood project "{title}" that came from your opinion is done. Details: {link}',
    },
  },
  'project.voteOpen': {
    smsParams: ['name'],
    'zh-CN': {
      sms: '{name}已开始投票，请登录系统投票。',
      title: '票决开始',
      body: '{name}已开始投票。请在手机或平板上登录系统，打开“民生实事票决”投票；每位代表一票，无记名。',
    },
    en: {
      sms: '{name} is open; sign in to vote.',
      title: 'Vote open',
      body: '{name} is open. Sign in on your phone or tablet and open the livelihood project vote; one secret ballot per deputy.',
    },
  },
  'project.excluded': {
    smsParams: ['title'],
    'zh-CN': {
      sms: '您提出的民生实事候选项目《{title}》未能入选，理由请登录系统查看。',
      title: '民生实事候选项目未入选',
      body: '您提出的民生实事候选项目《{title}》经初选审查未能入选。理由：{reason}',
    },
    en: {
      sms: 'Your candidate livelihood project "{title}" was not shortlisted; sign in for the reason.',
      title: 'Candidate project excluded',
      body: 'Your candidate livelihood project "{title}" was not shortlisted after screening. Reason: {reason}',
    },
  },
} satisfies Record<string, MessageTemplate>;
