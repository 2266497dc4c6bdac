import { defineMessages } from '../../app/define-messages.js';

export const deputyMessages = defineMessages(
  {
    'deputies.field.termsHelp': '可填多个届次，如 第十七届、第十八届（回车分隔）',
  },
  {
    'deputies.field.termsHelp': 'One or more terms, e.g. 第十七届, 第十八届 (Enter after each)',
  },
);
