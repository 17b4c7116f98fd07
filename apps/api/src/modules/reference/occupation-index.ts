import type { Occupation } from '@rabt/contracts';
import { foldForSearch } from './arabic.ts';

interface Title {
  text: string;
  words: string[];
}

interface Entry {
  occupation: Occupation;
  titles: Title[];
}

function title(text: string): Title {
  const folded = foldForSearch(text);
  // Index each word with and without the definite article, so "نجار" matches "النجارون" and back.
  const words = folded.split(' ').flatMap((w) => (w.startsWith('ال') && w.length > 3 ? [w, w.slice(2)] : [w]));
  return { text: folded, words };
}

/**
 * In-memory search over the ISCO-08 groups (619 rows, immutable reference data loaded once from the
 * database). Titles are folded and split once, when the index is built. A query matches when every
 * folded word of it (article stripped) equals, starts, or is contained in a word of the Arabic or
 * English title; digits match codes by prefix. Ranking: code match, whole-title prefix, exact words,
 * word starts, then unit groups before broader groups, then code order.
 */
export class OccupationIndex {
  private readonly entries: Entry[];
  private readonly byCode: Map<string, Occupation>;
  /** Every prefix (≥ 1 character) of every indexed title word → the entries that have it. */
  private readonly byWordPrefix = new Map<string, Set<number>>();

  /** `aliases`: alternative labels of unit groups (e.g. «نجار» for 7115), searched like titles. */
  constructor(occupations: Occupation[], aliases: readonly { isco: string; label: string }[] = []) {
    const byCode = new Map<string, string[]>();
    for (const a of aliases) byCode.set(a.isco, [...(byCode.get(a.isco) ?? []), a.label]);
    this.entries = occupations.map((o) => ({ occupation: o, titles: [title(o.titleAr), title(o.titleEn), ...(byCode.get(o.code) ?? []).map(title)] }));
    this.byCode = new Map(occupations.map((o) => [o.code, o]));
    this.entries.forEach((e, i) => {
      for (const w of e.titles.flatMap((t) => t.words)) {
        for (let n = 1; n <= w.length; n++) {
          const prefix = w.slice(0, n);
          let set = this.byWordPrefix.get(prefix);
          if (!set) this.byWordPrefix.set(prefix, (set = new Set()));
          set.add(i);
        }
      }
    });
  }

  get(code: string): Occupation | undefined {
    return this.byCode.get(code);
  }

  search(query: string, options: { level?: number | undefined; limit: number }): Occupation[] {
    const q = foldForSearch(query);
    const words = q
      .split(' ')
      .filter(Boolean)
      .map((w) => (w.startsWith('ال') && w.length > 3 ? w.slice(2) : w));
    const scored: { o: Occupation; score: number }[] = [];
    for (const i of this.candidates(q, words)) {
      const { occupation: o, titles } = this.entries[i]!;
      if (options.level !== undefined && o.level !== options.level) continue;
      const score = words.length === 0 ? 0 : scoreEntry(o, titles, q, words);
      if (score > 0 || words.length === 0) scored.push({ o, score });
    }
    scored.sort((a, b) => b.score - a.score || b.o.level - a.o.level || a.o.code.localeCompare(b.o.code));
    return scored.slice(0, options.limit).map((s) => s.o);
  }

  /**
   * Entries worth scoring: those having a word that starts with every query word. When some query word
   * starts no title word (it may only occur inside one), or the query is a code, every entry is scored.
   */
  private *candidates(q: string, words: string[]): Iterable<number> {
    const sets = /^\d+$/.test(q) ? [] : words.map((w) => this.byWordPrefix.get(w));
    if (sets.length === 0 || sets.some((set) => set === undefined)) {
      yield* this.entries.keys();
      return;
    }
    const [smallest, ...rest] = (sets as Set<number>[]).sort((a, b) => a.size - b.size);
    for (const i of smallest!) if (rest.every((set) => set.has(i))) yield i;
  }
}

function scoreEntry(o: Occupation, titles: Title[], q: string, words: string[]): number {
  if (/^\d+$/.test(q)) return o.code.startsWith(q) ? 1000 - o.code.length : 0;
  let best = 0;
  for (const t of titles) {
    let score = 0;
    for (const w of words) {
      let s = 0;
      for (const tw of t.words) {
        if (tw === w) {
          s = 30;
          break;
        }
        if (s < 20 && tw.startsWith(w)) s = 20;
      }
      if (s === 0 && t.text.includes(w)) s = 5;
      if (s === 0) {
        score = 0;
        break;
      }
      score += s;
    }
    if (score > 0 && t.text.startsWith(q)) score += 50;
    if (score > best) best = score;
  }
  return best;
}
