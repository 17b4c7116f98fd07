import { toArabicDigits } from '@rabt/contracts/text';
import { FIELD_ERRORS, isFieldErrorCode, PROBLEMS, rangeFieldError, type FieldError, type FieldErrorCode, type ProblemCode, type ProblemDetails } from '@rabt/contracts';

/**
 * The one error type services throw. `code` is a stable ProblemCode (packages/contracts/src/problems.ts);
 * the HTTP status comes from the catalogue, never from the thrower.
 */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly options: { detail?: string; fieldErrors?: FieldError[]; extensions?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** A field error for JSON Pointer `pointer` with a catalogued code. */
export function fieldError(pointer: string, code: FieldErrorCode): FieldError {
  return { pointer, code, message: { ...FIELD_ERRORS[code] } };
}

/** Throws `validation_failed` with one field error: for rules checked in services (e.g. phone numbers). */
export function invalidField(pointer: string, code: FieldErrorCode): never {
  throw new AppError('validation_failed', { fieldErrors: [fieldError(pointer, code)] });
}

/** Builds RFC 9457 problem details for `code`. */
export function problem(
  code: ProblemCode,
  correlationId: string,
  instance: string,
  extra: { detail?: string | undefined; errors?: FieldError[] | undefined; extensions?: Record<string, string> | undefined } = {},
): ProblemDetails {
  const entry = PROBLEMS[code];
  return {
    type: `/api/v1/problems#${code}`,
    title: entry.en,
    status: entry.status,
    code,
    titles: { ar: entry.ar, en: entry.en },
    instance,
    correlationId,
    ...(extra.detail ? { detail: extra.detail } : {}),
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
    ...extra.extensions,
  };
}

/**
 * Maps one zod issue (as fastify-type-provider-zod reports it) to a catalogued field error. `value` is the
 * submitted value at the issue's path, when the caller can find it: an empty (or blank) string that fails a
 * minimum length or a custom rule ("14 digits", "at least 8 characters", "Arabic letters") was not
 * filled in at all, so the user is told `required` ("This field is required."), not `too_short`.
 * `too_small` / `too_big` mean a length (`too_short` / `too_long`) only for strings, arrays and sets; for numbers
 * and dates the message states the bound (`boundFieldError`).
 */
export function zodIssueToFieldError(issue: { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }, value?: unknown): FieldError[] {
  const base = issue.instancePath === '/' ? '' : issue.instancePath;
  if (issue.keyword === 'unrecognized_keys') {
    const keys = Array.isArray(issue.params.keys) ? (issue.params.keys as string[]) : [];
    return keys.map((k) => fieldError(`${base}/${k}`, 'unknown_field'));
  }
  if (typeof value === 'string' && value.trim() === '' && (issue.keyword === 'too_small' || issue.keyword === 'custom')) return [fieldError(base, 'required')];
  if (isFieldErrorCode(issue.message)) return [fieldError(base, issue.message)];
  const range = rangeFieldError(issue.message);
  if (range) return [{ pointer: base, ...range }];
  if (issue.keyword === 'too_small' || issue.keyword === 'too_big') {
    const bound = boundFieldError(base, issue.keyword === 'too_small' ? 'min' : 'max', issue.params);
    if (bound) return [bound];
  }
  const byKeyword: Record<string, FieldErrorCode> = {
    invalid_type: issue.message.includes('received undefined') ? 'required' : 'invalid_type',
    too_small: 'too_short',
    too_big: 'too_long',
    invalid_format: 'invalid_format',
    invalid_value: 'invalid_value',
    invalid_union: 'invalid_value',
  };
  return [fieldError(base, byKeyword[issue.keyword] ?? 'invalid_format')];
}

const AR_NUMBER = new Intl.NumberFormat('ar-EG');
const EN_NUMBER = new Intl.NumberFormat('en');

/**
 * The field error of a number, bigint or date outside its bounds (zod `too_small` / `too_big` with `origin`
 * 'number' | 'int' | 'bigint' | 'date' and `minimum` / `maximum`, `inclusive`): a value message that states the
 * bound («القيمة أصغر من الحد الأدنى المسموح به (٠).», "This value is smaller than the allowed minimum (0)."),
 * with Arabic-Indic digits in Arabic; dates as ISO 8601 YYYY-MM-DD. Codes `number_too_small` / `number_too_large`,
 * `date_too_early` / `date_too_late`. Null for strings, arrays and other origins, which keep the length messages.
 */
export function boundFieldError(pointer: string, side: 'min' | 'max', params: Record<string, unknown>): FieldError | null {
  const bound = side === 'min' ? params.minimum : params.maximum;
  const inclusive = params.inclusive !== false;
  if (params.origin === 'date') {
    const at = typeof bound === 'number' || bound instanceof Date ? new Date(bound) : null;
    const code: FieldErrorCode = side === 'min' ? 'date_too_early' : 'date_too_late';
    if (!at || Number.isNaN(at.getTime())) return fieldError(pointer, code);
    const day = at.toISOString().slice(0, 10);
    const ar = toArabicDigits(day);
    const message =
      side === 'min'
        ? inclusive
          ? { ar: `هذا التاريخ قبل أقدم تاريخ مسموح به (${ar}).`, en: `This date is before the earliest allowed date (${day}).` }
          : { ar: `يجب أن يكون التاريخ بعد ${ar}.`, en: `The date must be after ${day}.` }
        : inclusive
          ? { ar: `هذا التاريخ بعد آخر تاريخ مسموح به (${ar}).`, en: `This date is after the latest allowed date (${day}).` }
          : { ar: `يجب أن يكون التاريخ قبل ${ar}.`, en: `The date must be before ${day}.` };
    return { pointer, code, message };
  }
  if (params.origin !== 'number' && params.origin !== 'int' && params.origin !== 'bigint') return null;
  const code: FieldErrorCode = side === 'min' ? 'number_too_small' : 'number_too_large';
  if (typeof bound !== 'number' && typeof bound !== 'bigint') return fieldError(pointer, code);
  const ar = AR_NUMBER.format(bound);
  const en = EN_NUMBER.format(bound);
  const message =
    side === 'min'
      ? inclusive
        ? { ar: `القيمة أصغر من الحد الأدنى المسموح به (${ar}).`, en: `This value is smaller than the allowed minimum (${en}).` }
        : { ar: `يجب أن تكون القيمة أكبر من ${ar}.`, en: `This value must be greater than ${en}.` }
      : inclusive
        ? { ar: `القيمة أكبر من الحد الأقصى المسموح به (${ar}).`, en: `This value is larger than the allowed maximum (${en}).` }
        : { ar: `يجب أن تكون القيمة أصغر من ${ar}.`, en: `This value must be less than ${en}.` };
  return { pointer, code, message };
}
