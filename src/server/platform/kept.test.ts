import { describe, expect, it } from 'vitest';
import { KeptAnswers } from './kept.js';

describe('KeptAnswers', () => {
  it('shares one computation per key until the answer is too old', async () => {
    let now = 0;
    let made = 0;
    const kept = new KeptAnswers<number>(1000, 10, () => now);
    const make = () => Promise.resolve(++made);
    const [a, b] = await Promise.all([kept.get('k', make), kept.get('k', make)]);
    expect([a, b, made]).toEqual([1, 1, 1]);
    now = 999;
    expect(await kept.get('k', make)).toBe(1);
    now = 1000;
    expect(await kept.get('k', make)).toBe(2);
    expect(await kept.get('other', make)).toBe(3);
  });

  it('forgets a failed computation, so the next caller tries again', async () => {
    const kept = new KeptAnswers<string>(60_000, 10);
    await expect(kept.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await kept.get('k', () => Promise.resolve('up'))).toBe('up');
  });

  it('keeps at most max keys, dropping the oldest and the expired first', async () => {
    let now = 0;
    const kept = new KeptAnswers<string>(100, 3, () => now);
    for (const k of ['a', 'b', 'c']) await kept.get(k, () => Promise.resolve(k));
    now = 50;
    await kept.get('d', () => Promise.resolve('d'));
    expect(kept.size).toBe(3);
    // 'a' went (the oldest); 'b' is still kept.
    expect(await kept.get('b', () => Promise.resolve('b again'))).toBe('b');
    expect(await kept.get('a', () => Promise.resolve('a again'))).toBe('a again');
    now = 200;
    await kept.get('e', () => Promise.resolve('e'));
    // Everything older than the time to live went with the new entry.
    expect(kept.size).toBe(1);
  });
});
