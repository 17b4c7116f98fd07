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
