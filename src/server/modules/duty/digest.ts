// A deputy's digest (知情知政 × 代表建议): the documents pushed to them lately that concern one of their
// open suggestions, each with the suggestion it matches and why (the matching: digest-match.ts).
// Suggestions are read through `suggestions/digest-source.ts`.
import type { z } from 'zod';
import type { Digest } from '../../../contracts/duty.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { openSuggestionsOfDeputy } from '../suggestions/digest-source.js';
import { listBulletins } from './bulletins.js';
import { matchesOf } from './digest-match.js';
import { requireOwnDeputy } from './load.js';

/** Documents pushed in the last this many days are "new". */
export const DIGEST_DAYS = 90;

/** The actor's own digest (deputies only): documents sent to them in the last DIGEST_DAYS days matching an open suggestion. */
export async function myDigest(p: Platform, actor: Actor): Promise<z.infer<typeof Digest>> {
  const deputyId = await requireOwnDeputy(p.db, actor);
  const suggestions = await openSuggestionsOfDeputy(p.db, deputyId);
  if (!suggestions.length) return { days: DIGEST_DAYS, openSuggestions: 0, items: [] };
  // The bound is in the query: only the documents sent to this deputy since then are loaded.
  const docs = await listBulletins(
    p,
    actor,
    {},
    { since: new Date(Date.now() - DIGEST_DAYS * 86_400_000), sentToMe: true, limit: 1000 },
  );
  const items = [];
  for (const b of docs) {
    const matches = matchesOf(b, suggestions);
    if (matches.length) items.push({ bulletin: b, matches });
  }
  // Unread first, then the newest.
  items.sort(
    (x, y) =>
      Number(x.bulletin.readAt !== null) - Number(y.bulletin.readAt !== null) ||
      y.bulletin.publishedAt.localeCompare(x.bulletin.publishedAt),
  );
  return { days: DIGEST_DAYS, openSuggestions: suggestions.length, items };
}
