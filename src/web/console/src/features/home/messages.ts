import { defineMessages } from '../../app/define-messages.js';

export const homeMessages = defineMessages({ 'home.quickLinks': '常用入口' }, { 'home.quickLinks': 'Quick links' });
