/**
 * Pre-departure orientation content (issue 6 §7): read from apps/api/data/elearning/orientation/ (common.json
 * plus one <CC>.json per destination), validated, and filled with the destination's contract template (limits and
 * the articles they come from, the ministry's wage floor). Every lesson ends with its numbered sources, each with
 * an Arabic and an English title (the Arabic body lists the Arabic title, with the English original after it; the
 * English body the English title). Every factual statement in a body (a paragraph or list item that gives a number,
 * an article, a law, a body or a right) ends with the number(s) of its source(s), `[1]`, `[2][3]`, checked by
 * `statementsWithoutSource` and orientation.data.test.ts. Arabic text is shown with Arabic-Indic digits (the
 * files and the templates write Latin ones): `arabicDigits` converts every Arabic string once filled, except in
 * a word holding a Latin letter (a URL, a domain, `ISCO-08`); English text and the English title of a
 * source after the Arabic one keep Latin digits. Pure apart from reading the files: the seeder
 * (orientation.seed.ts) turns the result into a course.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { QuestionInput, citationAr, normalizeDigits } from '@rabt/contracts';
import { toArabicDigits } from '@rabt/contracts/text';
import { API_ROOT } from '../../platform/paths.ts';
import { contractTemplates, type ContractTemplates, type CountryTemplate } from '../contracts/contract-rules.ts';

export const ORIENTATION_DIR = join(API_ROOT, 'data', 'elearning', 'orientation');

const Text = z.strictObject({ ar: z.string().min(1), en: z.string().min(1) });
/** A cited source: its Arabic title (the official Arabic name of the law or body, or an Arabic description of the report) and its English title. */
const Source = z.strictObject({ ar: z.string().regex(/[\u0621-\u064A]/, 'an Arabic title'), en: z.string().regex(/[A-Za-z]/, 'an English title') });
export type OrientationSource = z.infer<typeof Source>;
const Lesson = z.strictObject({ title: Text, body: Text, sources: z.array(Source).min(1) });
const LessonRef = z.union([Lesson, z.strictObject({ common: z.string() })]);
/** Questions are stored as the trainer's API input (QuestionInput) so they go through the module's own rules. */
const Question = z.record(z.string(), z.unknown());

const CommonFile = z.object({
  version: z.string().min(1),
  lessons: z.record(z.string(), Lesson),
  questions: z.array(Question),
});

const CountryFile = z.object({
  country: z.string().regex(/^[A-Z]{2}$/),
  version: z.string().min(1),
  names: z.strictObject({ countryAr: z.string(), countryEn: z.string(), inCountryAr: z.string(), inCountryEn: z.string() }),
  currency: Text,
  attache: z.strictObject({ ar: z.string().min(1), en: z.string().min(1), sources: z.array(Source).min(1) }),
  title: Text,
  description: Text,
  quiz: z.strictObject({
    questionCount: z.number().int().min(1).max(50),
    timeLimitMinutes: z.number().int().min(1).max(240),
    maxAttempts: z.number().int().min(1).max(20),
    passPercent: z.number().int().min(1).max(100),
  }),
  modules: z.array(z.strictObject({ title: Text, lessons: z.array(LessonRef).min(1) })).min(1),
  questions: z.array(Question),
});

export interface BuiltLesson {
  title: { ar: string; en: string };
  body: { ar: string; en: string };
  /** The lesson's sources in citation order (`[1]` is the first), placeholders filled. */
  sources: OrientationSource[];
}

/** A destination's orientation course, ready to seed. */
export interface BuiltOrientation {
  country: string;
  /** `<common version>/<country version>/<template version>#<first 8 hex of sha256>`: any change makes a new course. */
  contentVersion: string;
  sha256: string;
  title: { ar: string; en: string };
  description: { ar: string; en: string };
  quiz: { questionCount: number; timeLimitSeconds: number; maxAttempts: number; passPercent: number };
  modules: { title: { ar: string; en: string }; lessons: BuiltLesson[] }[];
  questions: QuestionInput[];
}

type Lang = 'ar' | 'en';
type Vars = Record<Lang, Record<string, string>>;

/**
 * Version of how the files are rendered into a course, hashed with them: a change here (such as Arabic-Indic
 * digits) makes a new course version where one is already seeded.
 */
const RENDERING = 'ar-digits-1';

/**
 * Arabic-Indic digits in an Arabic text (`8 ساعات` → `٨ ساعات`, `125٪` → `١٢٥٪`, `م/51` → `م/٥١`), leaving any
 * word that holds a Latin letter as written: URLs and domains (`dostor.org/4687414`), codes (`ISCO-08`).
 */
export function arabicDigits(text: string): string {
  return text.replace(/\S+/g, (word) => (/[A-Za-z]/.test(word) ? word : toArabicDigits(word)));
}

/** Replaces every {{name}}; an unknown name is a content error (fails the node's start, never a learner's page). */
export function fill(text: string, vars: Record<string, string>, where: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`orientation content ${where}: unknown placeholder {{${name}}}`);
    return v;
  });
}

/** Fills placeholders in every string of a JSON value; the language comes from the nearest `ar`/`en`/`…Ar`/`…En` key (English otherwise). */
function fillDeep(value: unknown, vars: Vars, where: string, lang: Lang = 'en'): unknown {
  if (typeof value === 'string') return lang === 'ar' ? arabicDigits(fill(value, vars.ar, where)) : fill(value, vars.en, where);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, vars, where, lang));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const l: Lang = k === 'ar' || k.endsWith('Ar') ? 'ar' : k === 'en' || k.endsWith('En') ? 'en' : lang;
        return [k, fillDeep(v, vars, where, l)];
      }),
    );
  }
  return value;
}

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
/** Citation markers `[12]` with Arabic-Indic digits for the Arabic body. */
const arabicMarkers = (text: string): string => text.replace(/\[(\d+)\]/g, (_m, n: string) => `[${[...n].map((d) => ARABIC_DIGITS[Number(d)]).join('')}]`);

function withSources(lesson: z.infer<typeof Lesson>, vars: Vars, where: string, extraSources: OrientationSource[] = []): BuiltLesson {
  const sources = [...lesson.sources, ...extraSources].map((s) => ({ ar: arabicDigits(fill(s.ar, vars.ar, where)), en: fill(s.en, vars.en, where) }));
  // The English original stays after the Arabic title: most cited pages and reports are in English.
  const listAr = sources.map((s, i) => arabicMarkers(`- ${s.ar} — ${s.en} [${i + 1}]`)).join('\n');
  const listEn = sources.map((s, i) => `- ${s.en} [${i + 1}]`).join('\n');
  return {
    title: { ar: arabicDigits(fill(lesson.title.ar, vars.ar, where)), en: fill(lesson.title.en, vars.en, where) },
    body: {
      ar: `${arabicMarkers(arabicDigits(fill(lesson.body.ar, vars.ar, where)))}\n\n## المصادر\n${listAr}`,
      en: `${fill(lesson.body.en, vars.en, where)}\n\n## Sources\n${listEn}`,
    },
    sources,
  };
}

/** A line that states a fact (a number, an article, a law, a body, a right or a prohibition) rather than advice. */
const FACTUAL: Record<Lang, RegExp> = {
  en: /\d|\bArt\.|\b[Ll]aws?\b|Decree|[Mm]inistry|MHRSD|MOHRE|\bPAM\b|\bILO\b|Qiwa|Absher|Wage Protection|attach[ée]|representation office|www\.|entitled|\bmay not\b|\bmust\b|forbid|prohibit|violation/,
  ar: /[0-9٠-٩]|المادة|المواد|قانون|نظام العمل|مرسوم|قرار|وزارة|منظمة|قوى|أبشر|حماية الأجور|ملحق|التمثيل العمالي|www\.|تستحق|يستحق|لا يجوز|يجب|يمنع|يحظر|مخالف/,
};

/**
 * The factual statements of a built lesson that cite no source, or cite a number beyond its source list:
 * `[]` when every statement is sourced. A statement is a paragraph or list item of the body (before the
 * sources list) matching FACTUAL; citation markers are not themselves counted as numbers.
 */
export function statementsWithoutSource(lesson: BuiltLesson): { lang: Lang; line: string }[] {
  const out: { lang: Lang; line: string }[] = [];
  for (const lang of ['ar', 'en'] as const) {
    const body = lesson.body[lang];
    const text = body.slice(0, body.lastIndexOf(lang === 'ar' ? '\n## المصادر\n' : '\n## Sources\n'));
    for (const line of text.split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const cited = [...normalizeDigits(line).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      const bare = line.replace(/\[[0-9٠-٩]+\]/g, '');
      if (cited.some((n) => n < 1 || n > lesson.sources.length) || (FACTUAL[lang].test(bare) && cited.length === 0)) out.push({ lang, line });
    }
  }
  return out;
}

/** Destinations that have both a contract template and an orientation data file. */
export function orientationCountries(templates: ContractTemplates = contractTemplates()): string[] {
  return Object.keys(templates.countries)
    .filter((c) => existsSync(join(ORIENTATION_DIR, `${c}.json`)))
    .sort();
}

/**
 * Builds one destination's course from the data files and its contract template. `minorUnits` is the ISO 4217
 * minor-unit count of the template's wage currency (the wage floor is stored in minor units). Throws on any
 * content error: a missing common lesson, an unknown placeholder, a question the module would refuse.
 */
export function buildOrientation(country: string, minorUnits: number, templates: ContractTemplates = contractTemplates()): BuiltOrientation {
  const template: CountryTemplate | undefined = templates.countries[country];
  if (!template) throw new Error(`no contract template for ${country}`);
  const commonText = readFileSync(join(ORIENTATION_DIR, 'common.json'), 'utf8');
  const countryText = readFileSync(join(ORIENTATION_DIR, `${country}.json`), 'utf8');
  const common = CommonFile.parse(JSON.parse(commonText));
  const file = CountryFile.parse(JSON.parse(countryText));
  if (file.country !== country) throw new Error(`${country}.json names ${file.country}`);

  const floor = String(template.minimumWage.amountMinor / 10 ** minorUnits);
  const helpSources = common.lessons.egypt_help?.sources.length ?? 0;
  const attacheMarkers = file.attache.sources.map((_s, i) => `[${helpSources + i + 1}]`).join('');
  const shared: Record<string, string> = {
    hours: String(template.maxHoursPerWeek),
    hoursSource: template.hoursSource,
    probation: String(template.probationMaxDays),
    probationSource: template.probationSource,
    leave: String(template.annualLeaveMinDays),
    leaveSource: template.annualLeaveSource,
    durationMin: String(template.durationMonths.min),
    durationMax: String(template.durationMonths.max),
    durationSource: template.durationSource,
    // The template's sources are English citations; lessons cite them in Arabic too (English kept when no rendering is known).
    hoursSourceAr: citationAr(template.hoursSource) ?? template.hoursSource,
    probationSourceAr: citationAr(template.probationSource) ?? template.probationSource,
    leaveSourceAr: citationAr(template.annualLeaveSource) ?? template.annualLeaveSource,
    durationSourceAr: citationAr(template.durationSource) ?? template.durationSource,
    lawAr: template.governingLaw.ar,
    lawEn: template.governingLaw.en,
    templateVersion: templates.templateVersion,
    // The attaché paragraph cites the country's own sources, listed after the common lesson's.
    attacheAr: `${file.attache.ar} ${attacheMarkers}`,
    attacheEn: `${file.attache.en} ${attacheMarkers}`,
    ...file.names,
  };
  const vars: Vars = { ar: { ...shared, wageFloor: `${floor} ${file.currency.ar}` }, en: { ...shared, wageFloor: `${floor} ${file.currency.en}` } };

  const modules = file.modules.map((m, mi) => ({
    title: { ar: arabicDigits(fill(m.title.ar, vars.ar, `${country} module ${mi + 1}`)), en: fill(m.title.en, vars.en, `${country} module ${mi + 1}`) },
    lessons: m.lessons.map((ref, li) => {
      const where = `${country} module ${mi + 1} lesson ${li + 1}`;
      if ('common' in ref) {
        const lesson = common.lessons[ref.common];
        if (!lesson) throw new Error(`orientation content ${where}: no common lesson "${ref.common}"`);
        return withSources(lesson, vars, where, ref.common === 'egypt_help' ? file.attache.sources : []);
      }
      return withSources(ref, vars, where);
    }),
  }));
  const questions = [...common.questions, ...file.questions].map((q, i) => QuestionInput.parse(fillDeep(q, vars, `${country} question ${i + 1}`)));
  if (questions.length < file.quiz.questionCount) throw new Error(`${country}: ${questions.length} questions for a draw of ${file.quiz.questionCount}`);

  const sha256 = createHash('sha256').update(commonText).update('\0').update(countryText).update('\0').update(JSON.stringify(template)).update(templates.templateVersion).update(RENDERING).digest('hex');
  return {
    country,
    contentVersion: `${common.version}/${file.version}/${templates.templateVersion}#${sha256.slice(0, 8)}`,
    sha256,
    title: { ar: arabicDigits(file.title.ar), en: file.title.en },
    description: { ar: arabicDigits(file.description.ar), en: file.description.en },
    quiz: { questionCount: file.quiz.questionCount, timeLimitSeconds: file.quiz.timeLimitMinutes * 60, maxAttempts: file.quiz.maxAttempts, passPercent: file.quiz.passPercent },
    modules,
    questions,
  };
}
