import type { JobOrderTerms, LanguageSkill } from '@rabt/contracts';
import { toArabicDigits } from '@rabt/contracts';

type Bilingual = { ar: string; en: string };

/**
 * Ranking of attested job orders for one worker, the same rule partners use to rank candidates
 * (issue 3 §6): occupation first (same ISCO-08 unit group, then same minor group = first 3 digits,
 * then same sub-major group = first 2), then experience against the order's minimum, languages at the
 * required CEFR level, and the worker's preferred countries. Each point of the score has a reason.
 */

export interface MatchWorker {
  occupations: { isco: string; years: number }[];
  languages: LanguageSkill[];
  preferredCountries: string[];
}

const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
const rank = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);

const LANGUAGE_NAMES: Record<string, Bilingual> = {
  ar: { ar: 'العربية', en: 'Arabic' },
  en: { ar: 'الإنجليزية', en: 'English' },
  fr: { ar: 'الفرنسية', en: 'French' },
  de: { ar: 'الألمانية', en: 'German' },
  it: { ar: 'الإيطالية', en: 'Italian' },
};
const langName = (code: string): Bilingual => LANGUAGE_NAMES[code] ?? { ar: code, en: code };
const arDigits = toArabicDigits;

export interface Match {
  score: number;
  reasons: Bilingual[];
}

/** Scores one order for the worker; null when no occupation shares even the sub-major group. */
export function scoreOrder(worker: MatchWorker, order: Pick<JobOrderTerms, 'isco' | 'country' | 'requirements'>): Match | null {
  let best: { level: 4 | 3 | 2; years: number; isco: string } | null = null;
  for (const o of worker.occupations) {
    const level = o.isco === order.isco ? 4 : o.isco.slice(0, 3) === order.isco.slice(0, 3) ? 3 : o.isco.slice(0, 2) === order.isco.slice(0, 2) ? 2 : null;
    if (level && (!best || level > best.level || (level === best.level && o.years > best.years))) best = { level, years: o.years, isco: o.isco };
  }
  if (!best) return null;
  const reasons: Bilingual[] = [];
  let score = best.level === 4 ? 100 : best.level === 3 ? 60 : 30;
  const y = best.years;
  if (best.level === 4) reasons.push({ ar: `نفس المجموعة المهنية ${arDigits(order.isco)}، ${arDigits(y)} سنوات خبرة`, en: `same unit group ${order.isco}, ${y} years` });
  else if (best.level === 3) reasons.push({ ar: `نفس المجموعة الصغرى ${arDigits(order.isco.slice(0, 3))} (مهنتك ${arDigits(best.isco)})، ${arDigits(y)} سنوات خبرة`, en: `same minor group ${order.isco.slice(0, 3)} (your ${best.isco}), ${y} years` });
  else reasons.push({ ar: `نفس المجموعة الفرعية ${arDigits(order.isco.slice(0, 2))} (مهنتك ${arDigits(best.isco)})، ${arDigits(y)} سنوات خبرة`, en: `same sub-major group ${order.isco.slice(0, 2)} (your ${best.isco}), ${y} years` });

  const min = order.requirements.minYears;
  if (y >= min) {
    score += 20;
    if (min > 0) reasons.push({ ar: `خبرتك تكفي (المطلوب ${arDigits(min)} سنوات)`, en: `enough experience (${min} years asked)` });
  } else {
    score -= 10 * Math.min(min - y, 5);
    reasons.push({ ar: `المطلوب ${arDigits(min)} سنوات خبرة ولديك ${arDigits(y)}`, en: `${min} years asked, you have ${y}` });
  }

  for (const req of order.requirements.languages) {
    const have = worker.languages.find((l) => l.language === req.language);
    const name = langName(req.language);
    if (have && rank(have.level) >= rank(req.level)) {
      score += 10;
      reasons.push({ ar: `اللغة ${name.ar}: مستواك ${have.level} (المطلوب ${req.level})`, en: `${name.en}: your level ${have.level} (${req.level} asked)` });
    } else {
      score -= 15;
      reasons.push({ ar: `اللغة ${name.ar} مطلوبة بمستوى ${req.level}`, en: `${name.en} at level ${req.level} is asked` });
    }
  }

  if (worker.preferredCountries.includes(order.country)) {
    score += 15;
    reasons.push({ ar: 'من الدول التي تفضلها', en: 'one of your preferred countries' });
  }
  return { score, reasons };
}
