import { z } from 'zod';

/**
 * RFC 9457 problem details: the one error shape of every Rabt endpoint.
 *
 * `code` is stable and part of the API (clients branch on it, never on text). `title` is English
 * as RFC 9457 §3.1.4 expects; `titles` carries the same in Arabic and English. Field-level errors
 * point at the offending member with a JSON Pointer (RFC 6901).
 */
export const PROBLEMS = {
  validation_failed: { status: 400, en: 'Some fields are not valid.', ar: 'بعض الحقول غير صحيحة.' },
  malformed_json: { status: 400, en: 'The request body is not valid JSON.', ar: 'محتوى الطلب ليس JSON صالحًا.' },
  unsupported_media_type: { status: 415, en: 'This content type is not accepted.', ar: 'نوع المحتوى غير مقبول.' },
  payload_too_large: { status: 413, en: 'The request body is too large.', ar: 'حجم الطلب أكبر من المسموح.' },
  not_found: { status: 404, en: 'Not found.', ar: 'غير موجود.' },
  unauthenticated: { status: 401, en: 'Please sign in.', ar: 'يرجى تسجيل الدخول.' },
  forbidden: { status: 403, en: 'You are not allowed to do this.', ar: 'غير مسموح لك بهذا الإجراء.' },
  out_of_scope: {
    status: 403,
    en: 'This record belongs to an office outside your scope.',
    ar: 'هذا السجل تابع لمكتب خارج نطاق صلاحياتك.',
  },
  csrf_invalid: {
    status: 403,
    en: 'The security token is missing or expired. Reload the page and try again.',
    ar: 'رمز الحماية مفقود أو منتهي. أعد تحميل الصفحة وحاول مرة أخرى.',
  },
  rate_limited: { status: 429, en: 'Too many attempts. Try again later.', ar: 'محاولات كثيرة. حاول لاحقًا.' },
  internal_error: {
    status: 500,
    en: 'Something went wrong on our side. Quote the correlation id if you contact support.',
    ar: 'حدث خطأ من جانبنا. اذكر رقم المتابعة عند التواصل مع الدعم.',
  },
  national_id_already_registered: {
    status: 409,
    en: 'An account already exists for this national ID.',
    ar: 'يوجد حساب مسجل بهذا الرقم القومي.',
  },
  mobile_already_registered: {
    status: 409,
    en: 'This mobile number is already used by another account.',
    ar: 'رقم المحمول مستخدم في حساب آخر.',
  },
  invalid_credentials: {
    status: 401,
    en: 'The national ID or password is not correct.',
    ar: 'الرقم القومي أو كلمة المرور غير صحيحة.',
  },
  staff_invalid_credentials: {
    status: 401,
    en: 'The email, password or authenticator code is not correct.',
    ar: 'البريد الإلكتروني أو كلمة المرور أو رمز المصادقة غير صحيح.',
  },
  mobile_not_verified: {
    status: 403,
    en: 'Confirm your mobile number first with the code we sent.',
    ar: 'أكّد رقم محمولك أولًا بالرمز الذي أرسلناه.',
  },
  account_disabled: { status: 403, en: 'This account is disabled.', ar: 'هذا الحساب موقوف.' },
  otp_invalid: { status: 400, en: 'The code is not correct.', ar: 'الرمز غير صحيح.' },
  otp_expired: {
    status: 400,
    en: 'The code has expired or was already used. Ask for a new one.',
    ar: 'انتهت صلاحية الرمز أو استُخدم من قبل. اطلب رمزًا جديدًا.',
  },
  otp_attempts_exceeded: {
    status: 429,
    en: 'Too many wrong codes. Ask for a new code.',
    ar: 'أدخلت رموزًا خاطئة كثيرة. اطلب رمزًا جديدًا.',
  },
  office_not_found: { status: 404, en: 'Office not found.', ar: 'المكتب غير موجود.' },
  office_code_taken: { status: 409, en: 'Another office already uses this code.', ar: 'يوجد مكتب آخر بهذا الرمز.' },
  staff_not_found: { status: 404, en: 'Staff account not found.', ar: 'حساب الموظف غير موجود.' },
  staff_email_taken: {
    status: 409,
    en: 'A staff account with this email already exists.',
    ar: 'يوجد حساب موظف بهذا البريد الإلكتروني.',
  },
  staff_scope_mismatch: {
    status: 400,
    en: 'This role needs a matching office or directorate.',
    ar: 'هذا الدور يتطلب مكتبًا أو مديرية مناسبة.',
  },
  cannot_change_own_account: {
    status: 409,
    en: 'You cannot disable or demote your own account.',
    ar: 'لا يمكنك إيقاف حسابك أو تخفيض صلاحياته بنفسك.',
  },
} as const satisfies Record<string, { status: number; en: string; ar: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** Field-level error codes, with the message a user sees next to the field. */
export const FIELD_ERRORS = {
  required: { en: 'This field is required.', ar: 'هذا الحقل مطلوب.' },
  invalid_type: { en: 'This value has the wrong type.', ar: 'نوع القيمة غير صحيح.' },
  too_short: { en: 'This value is too short.', ar: 'القيمة أقصر من المسموح.' },
  too_long: { en: 'This value is too long.', ar: 'القيمة أطول من المسموح.' },
  invalid_format: { en: 'This value is not in the expected format.', ar: 'صيغة القيمة غير صحيحة.' },
  invalid_value: { en: 'This value is not one of the allowed choices.', ar: 'القيمة ليست من الخيارات المسموح بها.' },
  unknown_field: { en: 'This field is not allowed here.', ar: 'هذا الحقل غير مسموح به هنا.' },
  national_id_length: { en: 'The national ID has exactly 14 digits.', ar: 'الرقم القومي مكوّن من ١٤ رقمًا بالضبط.' },
  national_id_digits: { en: 'The national ID contains digits only.', ar: 'الرقم القومي يتكوّن من أرقام فقط.' },
  national_id_century: {
    en: 'The national ID must start with 2 or 3.',
    ar: 'يجب أن يبدأ الرقم القومي بالرقم ٢ أو ٣.',
  },
  national_id_birth_date: {
    en: 'The birth date inside the national ID is not a real date.',
    ar: 'تاريخ الميلاد داخل الرقم القومي ليس تاريخًا صحيحًا.',
  },
  national_id_future_birth_date: {
    en: 'The birth date inside the national ID is in the future.',
    ar: 'تاريخ الميلاد داخل الرقم القومي في المستقبل.',
  },
  national_id_governorate: {
    en: 'The governorate code inside the national ID does not exist.',
    ar: 'رمز المحافظة داخل الرقم القومي غير موجود.',
  },
  mobile_invalid: {
    en: 'Enter an Egyptian mobile number, e.g. 01012345678.',
    ar: 'أدخل رقم محمول مصري، مثل ٠١٠١٢٣٤٥٦٧٨.',
  },
  password_too_short: { en: 'Use at least 8 characters.', ar: 'استخدم ٨ أحرف على الأقل.' },
  password_too_long: { en: 'Use at most 128 characters.', ar: 'استخدم ١٢٨ حرفًا على الأكثر.' },
  password_common: {
    en: 'This password is too common. Choose another.',
    ar: 'كلمة المرور هذه شائعة جدًا. اختر غيرها.',
  },
  name_arabic_script: { en: 'Write this name in Arabic letters.', ar: 'اكتب هذا الاسم بالحروف العربية.' },
  name_latin_script: {
    en: 'Write this name in Latin letters, as in your passport.',
    ar: 'اكتب هذا الاسم بالحروف اللاتينية كما في جواز السفر.',
  },
  otp_format: { en: 'The code is 6 digits.', ar: 'الرمز مكوّن من ٦ أرقام.' },
  totp_format: { en: 'The authenticator code is 6 digits.', ar: 'رمز تطبيق المصادقة مكوّن من ٦ أرقام.' },
  email_invalid: { en: 'Enter a valid email address.', ar: 'أدخل بريدًا إلكترونيًا صحيحًا.' },
} as const satisfies Record<string, { en: string; ar: string }>;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;

export function isFieldErrorCode(value: string): value is FieldErrorCode {
  return Object.hasOwn(FIELD_ERRORS, value);
}

const Bilingual = z.object({ ar: z.string(), en: z.string() });

export const FieldError = z.object({
  /** JSON Pointer (RFC 6901) to the field, e.g. `/nationalId`. */
  pointer: z.string(),
  code: z.string(),
  message: Bilingual,
});
export type FieldError = z.infer<typeof FieldError>;

export const ProblemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  titles: Bilingual,
  detail: z.string().optional(),
  instance: z.string().optional(),
  correlationId: z.string(),
  errors: z.array(FieldError).optional(),
  /** Extension members (RFC 9457 §3.2), e.g. `pendingAccountId` with `mobile_not_verified`. */
  pendingAccountId: z.string().optional(),
  mobileMasked: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
