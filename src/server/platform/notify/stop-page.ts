import type { StopTarget } from './preferences.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page behind a stop link: Chinese first with English below, large type for older readers,
 * no script (the console's CSP forbids inline scripts anyway), a plain form.
 */
export function stopPage(
  target: StopTarget | null,
  token: string,
  state: 'confirm' | 'stopped' | 'stoppedAll',
): string {
  let body: string;
  if (!target) {
    body = `<h1>链接无效</h1><p>此退订链接无效或已过期。</p><p class="en">This link is not valid.</p>`;
  } else if (state !== 'confirm') {
    const what = state === 'stoppedAll' ? '本平台的任何短信或邮件' : `“${escape(target.label.zh)}”类消息`;
    const whatEn = state === 'stoppedAll' ? 'any message from this platform' : `"${escape(target.label.en)}" messages`;
    body = `<h1>已退订</h1><p>${escape(target.address)} 将不再收到${what}。</p>
<p class="en">${escape(target.address)} will no longer receive ${whatEn}.</p>`;
  } else {
    const action = `/u/${encodeURIComponent(token)}`;
    body = `<h1>退订通知</h1>
<p>${escape(target.address)} 收到了“${escape(target.label.zh)}”类消息。您可以不再接收此类消息，或不再接收本平台的任何消息。</p>
<p class="en">${escape(target.address)} received a "${escape(target.label.en)}" message. You can stop messages of this kind, or all messages from this platform.</p>
<form method="post" action="${action}"><input type="hidden" name="scope" value="type">
<button type="submit" data-testid="stop-type">不再接收此类消息 · Stop these</button></form>
<form method="post" action="${action}"><input type="hidden" name="scope" value="all">
<button type="submit" class="secondary" data-testid="stop-all">不再接收任何消息 · Stop all</button></form>`;
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>退订 · Stop messages</title>
<style>body{font:18px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f}
h1{font-size:1.5rem}.en{color:#555;font-size:1rem}form{margin:1rem 0}
button{font-size:1.1rem;padding:.7rem 1.2rem;border:0;border-radius:6px;background:#b71c1c;color:#fff;width:100%}
button.secondary{background:#fff;color:#b71c1c;border:1px solid #b71c1c}</style></head>
<body>${body}</body></html>`;
}
