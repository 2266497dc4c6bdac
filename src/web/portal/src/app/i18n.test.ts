import { beforeAll, describe, expect, it, vi } from 'vitest';

// The portal's modules read the browser's storage and address when loaded: a bare stand-in here.
beforeAll(() => {
  vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
  vi.stubGlobal('location', { search: '' });
  vi.stubGlobal('document', { documentElement: { lang: '', classList: { toggle: () => undefined } } });
});

describe('the portal’s English words', () => {
  it('carry no full-width punctuation (，。：；（）、)', async () => {
    const { messages } = await import('./i18n.js');
    const bad = Object.entries(messages)
      .filter(([, [, en]]) => /[，。：；（）、]/.test(en))
      .map(([key, [, en]]) => `${key}: ${en}`);
    expect(bad).toEqual([]);
  });
});
