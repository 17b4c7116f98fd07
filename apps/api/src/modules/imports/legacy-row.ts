import { EducationLevel, IMPORT_COLUMN_ALIASES_AR, IMPORT_COLUMN_LABELS, IMPORT_COLUMNS, normalizeDigits, parseNationalId, type ImportColumn, toArabicDigits } from '@rabt/contracts';
import { officeInScope, type OfficeScope } from '../offices/office-scope.ts';
import { MINIMUM_WORKING_AGE } from '../eservices/definitions/employment-registration.ts';

/**
 * Row-by-row validation of a legacy paper register of employment registrations (Law 14/2025 Art. 33;
 * issue 5 §10). Pure: no I/O. Each row either yields a registration to write or its errors: every column
 * at fault, each with a bilingual reason, in IMPORT_COLUMNS order.
 */
export type Bilingual = { ar: string; en: string };
export type RowError = { field: ImportColumn | null; reason: Bilingual };

export interface OfficeInfo {
  id: string;
  code: string;
  directorateCode: string;
}

export interface RowContext {
  /** Today (UTC date, YYYY-MM-DD): registration dates after it are refused. */
  today: string;
  offices: Map<string, OfficeInfo>;
  scope: OfficeScope;
  /** Office of the upload (rows with a blank office code take it), if the uploader named one. */
  defaultOffice: OfficeInfo | null;
  /** ISCO-08 unit groups (level 4 codes) known to the reference data. */
  isco: Set<string>;
  /** The end of `today` (UTC), the latest birth date a national ID may carry: computed once (rowContext). */
  todayEnd: Date;
}

/** A RowContext with its derived fields computed once for the whole file. */
export function rowContext(base: Omit<RowContext, 'todayEnd'>): RowContext {
  return { ...base, todayEnd: new Date(`${base.today}T23:59:59Z`) };
}

export interface LegacyRegistration {
  registerNumber: string;
  nationalId: string;
  name: string;
  registeredOn: string;
  office: OfficeInfo;
  isco: string;
  education: EducationLevel;
  experienceYears: number;
  ageAtRegistration: number;
}

/** Required header columns (office_code may be omitted when the upload names the office). */
export const REQUIRED_COLUMNS: readonly ImportColumn[] = IMPORT_COLUMNS.filter((c) => c !== 'office_code');

/** Qualification labels accepted besides the EducationLevel keys (as written on paper, Arabic or English). */
const QUALIFICATION_LABELS: Record<string, EducationLevel> = {
  'بدون تعليم نظامي': 'none',
  'بدون مؤهل': 'none',
  'أمي': 'none',
  'ابتدائي': 'primary',
  'ابتدائية': 'primary',
  'إعدادي': 'preparatory',
  'إعدادية': 'preparatory',
  'ثانوي': 'secondary',
  'ثانوي عام': 'secondary',
  'ثانوية عامة': 'secondary',
  'ثانوي فني': 'technical_secondary',
  'دبلوم فني': 'technical_secondary',
  'فوق المتوسط': 'post_secondary',
  'بكالوريوس': 'bachelor',
  'ليسانس': 'bachelor',
  'ماجستير': 'master',
  'دكتوراه': 'doctorate',
  'no formal education': 'none',
  'general secondary': 'secondary',
  'technical secondary': 'technical_secondary',
  'post-secondary': 'post_secondary',
  "bachelor's": 'bachelor',
  "master's": 'master',
};

/** A header cell folded for comparison: no BOM, tashkeel or tatweel, alef forms unified, one space, lower case. */
function foldHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every accepted way of naming a column, folded: English key, Arabic aliases, the page's Arabic and English labels. */
const HEADER_NAMES: ReadonlyMap<string, ImportColumn> = (() => {
  const m = new Map<string, ImportColumn>();
  for (const c of IMPORT_COLUMNS) {
    m.set(foldHeader(c), c);
    m.set(foldHeader(IMPORT_COLUMN_LABELS[c].ar), c);
    m.set(foldHeader(IMPORT_COLUMN_LABELS[c].en), c);
  }
  for (const [alias, c] of Object.entries(IMPORT_COLUMN_ALIASES_AR)) m.set(foldHeader(alias), c);
  return m;
})();

/**
 * Maps a header cell to a column: the English key (any case, spaces or dashes for underscores), an Arabic
 * alias ("المهنة", "رمز المهنة"), or the label the import page shows ("المهنة (ISCO-08)", "Occupation (ISCO-08)",
 * also with the key in brackets as listed: "المهنة (ISCO-08) (isco)"); diacritics, tatweel and spacing ignored.
 */
export function headerColumn(cell: string): ImportColumn | null {
  const t = foldHeader(cell);
  const direct = HEADER_NAMES.get(t) ?? HEADER_NAMES.get(t.replace(/-/g, ' '));
  if (direct) return direct;
  // "label (key)": the bracketed key, else the label without its last bracket.
  const bracket = /^(.*?)\s*\(([^()]*)\)$/.exec(t);
  if (!bracket) return null;
  return HEADER_NAMES.get(foldHeader(bracket[2] ?? '')) ?? headerColumn(bracket[1] ?? '');
}

/** Maps the header row to column positions; returns the missing required columns too. */
export function mapHeader(cells: string[], hasDefaultOffice: boolean): { positions: Partial<Record<ImportColumn, number>>; missing: ImportColumn[] } {
  const positions: Partial<Record<ImportColumn, number>> = {};
  cells.forEach((c, i) => {
    const col = headerColumn(c);
    if (col && positions[col] === undefined) positions[col] = i;
  });
  const required = hasDefaultOffice ? REQUIRED_COLUMNS : IMPORT_COLUMNS;
  return { positions, missing: required.filter((c) => positions[c] === undefined) };
}

const err = (field: ImportColumn | null, ar: string, en: string): RowError => ({ field, reason: { ar, en } });

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const DAY_FIRST_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days in month `m` (1-12) of year `y` (Gregorian). */
function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses a register date: YYYY-MM-DD, or D/M/YYYY and D-M-YYYY (day first, as Egyptian registers write it); Arabic-Indic digits allowed. A real calendar date from 1900 on, else null. */
export function parseRegisterDate(raw: string): string | null {
  const s = normalizeDigits(raw).trim();
  let y: number, m: number, d: number;
  let match = ISO_DATE.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = DAY_FIRST_DATE.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Whole years between a birth date and a later date (both YYYY-MM-DD). */
export function yearsBetween(birth: string, on: string): number {
  const by = Number(birth.slice(0, 4));
  const bmd = Number(birth.slice(5, 7)) * 100 + Number(birth.slice(8, 10));
  const y = Number(on.slice(0, 4));
  const md = Number(on.slice(5, 7)) * 100 + Number(on.slice(8, 10));
  return y - by - (md < bmd ? 1 : 0);
}

/** EducationLevel keys, for a lookup instead of a schema parse per row. */
const EDUCATION_LEVELS: ReadonlySet<string> = new Set(EducationLevel.options);

/** National-ID parser errors, explained (the parser's codes in @rabt/contracts). */
const NATIONAL_ID_REASONS: Record<string, Bilingual> = {
  national_id_length: { ar: 'الرقم القومي يجب أن يتكون من ١٤ رقمًا.', en: 'The national ID must have 14 digits.' },
  national_id_digits: { ar: 'الرقم القومي يجب أن يحتوي على أرقام فقط.', en: 'The national ID must contain digits only.' },
  national_id_century: { ar: 'رقم القرن (أول رقم) في الرقم القومي غير صحيح: ٢ أو ٣.', en: 'The century digit (first digit) of the national ID is invalid: 2 or 3.' },
  national_id_birth_date: { ar: 'تاريخ الميلاد في الرقم القومي ليس تاريخًا حقيقيًا: رقم قومي مستحيل.', en: 'The birth date in the national ID is not a real date: an impossible national ID.' },
  national_id_future_birth_date: { ar: 'تاريخ الميلاد في الرقم القومي في المستقبل: رقم قومي مستحيل.', en: 'The birth date in the national ID is in the future: an impossible national ID.' },
  national_id_governorate: { ar: 'رمز المحافظة في الرقم القومي غير موجود.', en: 'The governorate code in the national ID does not exist.' },
};

/** Arabic-Indic digits for numbers inside Arabic reasons. */
const arDigits = toArabicDigits;

/**
 * Validates one data row (cells already as trimmed strings, keyed by column) and reports EVERY column at
 * fault, in IMPORT_COLUMNS order, so a clerk fixes a paper line once. Checks: register number (digits,
 * optional `/` groups, ≤ 30 characters), national ID (the national-ID parser: length, century, real birth
 * date, governorate; an impossible ID is an error), name (required, ≤ 200 characters), registration date
 * (a real date, not in the future; with a valid national ID also not before birth and the holder at least
 * the minimum working age, Law 14/2025 Art. 33 with the Child Law's working age), office code (known, and
 * inside the uploader's scope and the upload's office), ISCO-08 unit group (exists), qualification (the
 * EducationLevel list or its Arabic/English label), experience years (whole number 0–60).
 * Returns the registration, or the list of errors (never empty).
 */
export function validateRow(cells: Partial<Record<ImportColumn, string>>, ctx: RowContext): { ok: true; value: LegacyRegistration } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];

  const registerNumber = normalizeDigits(cells.register_number ?? '').replace(/\s+/g, '');
  if (!registerNumber) errors.push(err('register_number', 'رقم القيد في السجل الورقي مطلوب.', 'The paper-register number is required.'));
  else if (registerNumber.length > 30 || !/^\d+(\/\d+)*$/.test(registerNumber)) errors.push(err('register_number', 'رقم القيد يجب أن يكون أرقامًا (ويجوز الفصل بشرطة مائلة مثل ١٢٣/٢٠١٩).', 'The register number must be digits (groups may be separated by a slash, e.g. 123/2019).'));

  const rawId = cells.national_id ?? '';
  let birthDate: string | null = null;
  let nationalId = '';
  if (!rawId.trim()) errors.push(err('national_id', 'الرقم القومي مطلوب.', 'The national ID is required.'));
  else {
    const id = parseNationalId(rawId, ctx.todayEnd);
    if (id.ok) {
      birthDate = id.id.birthDate;
      nationalId = id.id.value;
    } else errors.push({ field: 'national_id', reason: NATIONAL_ID_REASONS[id.error]! });
  }

  const name = (cells.name ?? '').replace(/\s+/g, ' ').trim();
  if (!name) errors.push(err('name', 'الاسم مطلوب.', 'The name is required.'));
  else if (name.length > 200) errors.push(err('name', 'الاسم أطول من ٢٠٠ حرف.', 'The name is longer than 200 characters.'));

  const rawDate = cells.registration_date ?? '';
  const registeredOn = rawDate.trim() ? parseRegisterDate(rawDate) : null;
  let age = 0;
  if (!rawDate.trim()) errors.push(err('registration_date', 'تاريخ القيد مطلوب.', 'The registration date is required.'));
  else if (!registeredOn) errors.push(err('registration_date', 'تاريخ القيد ليس تاريخًا صحيحًا (يوم/شهر/سنة أو سنة-شهر-يوم).', 'The registration date is not a valid date (D/M/YYYY or YYYY-MM-DD).'));
  else if (registeredOn > ctx.today) errors.push(err('registration_date', 'تاريخ القيد في المستقبل.', 'The registration date is in the future.'));
  else if (birthDate !== null) {
    if (registeredOn < birthDate) errors.push(err('registration_date', 'تاريخ القيد سابق لتاريخ الميلاد في الرقم القومي.', 'The registration date is before the birth date in the national ID.'));
    else {
      age = yearsBetween(birthDate, registeredOn);
      if (age < MINIMUM_WORKING_AGE) errors.push(err('registration_date', `كان عمر صاحب القيد ${arDigits(age)} سنة في تاريخ القيد، أقل من سن العمل (${arDigits(MINIMUM_WORKING_AGE)}).`, `The holder was ${age} on the registration date, under the minimum working age (${MINIMUM_WORKING_AGE}).`));
    }
  }

  const officeCode = (cells.office_code ?? '').trim().toUpperCase();
  const office = officeCode ? ctx.offices.get(officeCode) : ctx.defaultOffice;
  if (!office) errors.push(err('office_code', officeCode ? 'رمز مكتب العمل غير موجود.' : 'رمز مكتب العمل مطلوب.', officeCode ? 'Unknown labour office code.' : 'The labour office code is required.'));
  else if (!officeInScope(ctx.scope, office)) errors.push(err('office_code', 'مكتب العمل خارج نطاق صلاحيتك.', 'The labour office is outside your scope.'));
  else if (ctx.defaultOffice && office.id !== ctx.defaultOffice.id) errors.push(err('office_code', 'مكتب العمل يختلف عن مكتب السجل المرفوع.', 'The labour office differs from the office of the uploaded register.'));

  const isco = normalizeDigits(cells.isco ?? '').trim();
  if (!isco) errors.push(err('isco', 'رمز المهنة مطلوب.', 'The occupation code is required.'));
  else if (!/^\d{4}$/.test(isco) || !ctx.isco.has(isco)) errors.push(err('isco', 'رمز المهنة ليس مجموعة وحدات موجودة في التصنيف ISCO-08 (٤ أرقام).', 'The occupation code is not an existing ISCO-08 unit group (4 digits).'));

  const q = (cells.qualification ?? '').trim();
  const lower = q.toLowerCase();
  const education = EDUCATION_LEVELS.has(lower) ? (lower as EducationLevel) : (QUALIFICATION_LABELS[q] ?? QUALIFICATION_LABELS[lower]);
  if (!education) errors.push(err('qualification', q ? 'المؤهل ليس من القائمة المعتمدة.' : 'المؤهل مطلوب.', q ? 'The qualification is not in the list.' : 'The qualification is required.'));

  const rawYears = normalizeDigits(cells.experience_years ?? '').trim();
  if (!/^\d{1,2}$/.test(rawYears) || Number(rawYears) > 60) errors.push(err('experience_years', 'سنوات الخبرة يجب أن تكون عددًا صحيحًا من ٠ إلى ٦٠.', 'Years of experience must be a whole number from 0 to 60.'));

  if (errors.length > 0 || !office || !education || !registeredOn) return { ok: false, errors };
  return {
    ok: true,
    value: { registerNumber, nationalId, name, registeredOn, office, isco, education, experienceYears: Number(rawYears), ageAtRegistration: age },
  };
}

/**
 * A row's errors as ONE report row (the report keeps one line per file row): the columns at fault joined
 * with commas (IMPORT_COLUMNS order), the reasons joined with a space: each is a sentence ending in a period,
 * so no separator is added (a semicolon after the period read «. ؛ »). Same in both languages.
 */
export function joinRowErrors(errors: readonly RowError[]): { field: string | null; reason: Bilingual } {
  const fields = errors.map((e) => e.field).filter((f): f is ImportColumn => f !== null);
  return {
    field: fields.length > 0 ? fields.join(',') : null,
    reason: { ar: errors.map((e) => e.reason.ar).join(' '), en: errors.map((e) => e.reason.en).join(' ') },
  };
}
