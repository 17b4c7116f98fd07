import type { Occupation } from '@rabt/contracts';
import { foldForSearch } from './arabic.ts';

interface Entry {
  occupation: Occupation;
  folded: string[];
}

/**
 * In-memory search over the ISCO-08 groups (619 rows, immutable reference data loaded once from the
 * database). A query matches when every folded word of it starts a word of the Arabic or English title
 * or is contained in it; digits match codes by prefix. Ranking: code match, then whole-title prefix,
 * then word-start matches, then unit groups before broader groups, then code order.
 */
export class OccupationIndex {
  private readonly entries: Entry[];
  private readonly byCode: Map<string, Occupation>;

  constructor(occupations: Occupation[]) {
    this.entries = occupations.map((o) => ({ occupation: o, folded: [foldForSearch(o.titleAr), foldForSearch(o.titleEn)] }));
    this.byCode = new Map(occupations.map((o) => [o.code, o]));
  }

  get(code: string): Occupation | undefined {
    return this.byCode.get(code);
  }

  search(query: string, options: { level?: number | undefined; limit: number }): Occupation[] {
    const q = foldForSearch(query);
    const words = q.split(' ').filter(Boolean);
    const scored: { o: Occupation; score: number }[] = [];
    for (const { occupation: o, folded } of this.entries) {
      if (options.level !== undefined && o.level !== options.level) continue;
      const score = words.length === 0 ? 0 : scoreEntry(o, folded, q, words);
      if (score > 0 || words.length === 0) scored.push({ o, score });
    }
    scored.sort((a, b) => b.score - a.score || b.o.level - a.o.level || a.o.code.localeCompare(b.o.code));
    return scored.slice(0, options.limit).map((s) => s.o);
  }
}

function scoreEntry(o: Occupation, folded: string[], q: string, words: string[]): number {
  if (/^\d+$/.test(q)) return o.code.startsWith(q) ? 1000 - o.code.length : 0;
  let best = 0;
  for (const title of folded) {
    const titleWords = title.split(' ');
    let score = 0;
    let all = true;
    for (const w of words) {
      if (titleWords.some((tw) => tw === w || tw === `ال${w}` || w === `ال${tw}`)) score += 30;
      else if (titleWords.some((tw) => tw.startsWith(w) || tw.startsWith(`ال${w}`))) score += 20;
      else if (title.includes(w)) score += 5;
      else {
        all = false;
        break;
      }
    }
    if (!all) continue;
    if (title.startsWith(q)) score += 50;
    best = Math.max(best, score);
  }
  return best;
}
