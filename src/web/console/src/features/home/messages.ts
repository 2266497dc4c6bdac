import { defineMessages } from '../../app/define-messages.js';

export const homeMessages = defineMessages(
  {
    'home.quickLinks': '常用入口',
    'home.opinionsDesc': '登记、研判、交办、督办、反馈群众意见建议',
    'home.categoriesDesc': '维护意见分类、默认承办单位和办理期限',
  },
  {
    'home.quickLinks': 'Quick links',
    'home.opinionsDesc': "Register, sort, assign, supervise and feed back constituents' opinions",
    'home.categoriesDesc': 'Opinion categories with their default units and deadlines',
  },
);
