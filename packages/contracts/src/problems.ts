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
  consent_country_not_linked: {
    status: 422,
    en: 'This country is not linked to the exchange, so your profile cannot be shared with it.',
    ar: 'هذه الدولة غير مرتبطة بمنصة التوظيف، فلا يمكن مشاركة ملفك معها.',
  },
  consent_text_outdated: {
    status: 409,
    en: 'The consent text has changed. Read the new text and consent again.',
    ar: 'تغيّر نص الموافقة. اقرأ النص الجديد ثم وافق مرة أخرى.',
  },
  consent_already_active: { status: 409, en: 'You have already consented to sharing with this country.', ar: 'سبق أن وافقت على المشاركة مع هذه الدولة.' },
  consent_not_active: { status: 404, en: 'There is no active consent for this country.', ar: 'لا توجد موافقة سارية لهذه الدولة.' },
  consent_required: {
    status: 409,
    en: 'Consent to share your profile with this country first.',
    ar: 'وافق أولًا على مشاركة ملفك مع هذه الدولة.',
  },
  worker_profile_incomplete: {
    status: 409,
    en: 'Add at least one occupation to your work profile first.',
    ar: 'أضف مهنة واحدة على الأقل إلى ملفك المهني أولًا.',
  },
  profile_version_conflict: {
    status: 409,
    en: 'Your profile was changed elsewhere. Reload it and try again.',
    ar: 'تغيّر ملفك من مكان آخر. أعد تحميله وحاول مرة أخرى.',
  },
  job_order_already_decided: {
    status: 409,
    en: 'This job order has already been decided.',
    ar: 'تم البت في طلب التوظيف هذا من قبل.',
  },
  job_order_employer_must_pay: {
    status: 422,
    en: 'A job order can be approved only if the employer bears all recruitment costs (Law 14/2025 Art. 43).',
    ar: 'لا يُعتمد طلب التوظيف إلا إذا تحمّل صاحب العمل كل تكاليف الاستقدام (المادة ٤٣ من القانون ١٤ لسنة ٢٠٢٥).',
  },
  job_order_not_open: {
    status: 409,
    en: 'This job order is not attested, so applications are not open.',
    ar: 'طلب التوظيف هذا غير معتمد، فلا يمكن التقديم عليه.',
  },
  application_already_submitted: { status: 409, en: 'You have already applied to this job order.', ar: 'سبق أن تقدمت لطلب التوظيف هذا.' },
  invitation_not_found: { status: 404, en: 'Invitation not found.', ar: 'الدعوة غير موجودة.' },
  invitation_already_answered: { status: 409, en: 'This invitation has already been answered.', ar: 'تم الرد على هذه الدعوة من قبل.' },
  federation_malformed_message: {
    status: 400,
    en: 'This is not a federation message (a compact JWS with a readable envelope).',
    ar: 'هذه ليست رسالة اتحاد صالحة (توقيع JWS مضغوط بمحتوى مقروء).',
  },
  federation_not_dead_letter: {
    status: 409,
    en: 'Only dead-lettered messages can be retried.',
    ar: 'لا يمكن إعادة المحاولة إلا للرسائل المتوقفة نهائيًا.',
  },
  // Destination side of the overseas employment exchange (employers, job orders, candidates, invitations).
  employer_establishment_taken: {
    status: 409,
    en: 'An employer with this establishment number is already registered.',
    ar: 'توجد منشأة مسجلة بهذا الرقم.',
  },
  employer_email_taken: {
    status: 409,
    en: 'This email is already used by another employer account.',
    ar: 'هذا البريد الإلكتروني مستخدم في حساب صاحب عمل آخر.',
  },
  employer_invalid_credentials: {
    status: 401,
    en: 'The establishment number, email or password is not correct.',
    ar: 'رقم المنشأة أو البريد الإلكتروني أو كلمة المرور غير صحيح.',
  },
  employer_not_verified: {
    status: 403,
    en: 'Your establishment must be verified by the ministry before you can do this.',
    ar: 'يجب أن توثّق الوزارة منشأتك قبل أن تتمكن من هذا الإجراء.',
  },
  employer_not_found: { status: 404, en: 'Employer not found.', ar: 'صاحب العمل غير موجود.' },
  employer_already_decided: {
    status: 409,
    en: 'This employer has already been verified or rejected.',
    ar: 'تم البت في توثيق صاحب العمل هذا من قبل.',
  },
  job_order_not_found: { status: 404, en: 'Job order not found.', ar: 'طلب الاستقدام غير موجود.' },
  job_order_not_editable: {
    status: 409,
    en: 'This job order cannot be changed now: only drafts and orders returned for changes can be edited or submitted.',
    ar: 'لا يمكن تعديل طلب الاستقدام الآن: يمكن تعديل أو إرسال المسودات والطلبات المعادة للتعديل فقط.',
  },
  job_order_not_approved: {
    status: 409,
    en: 'Candidates can be invited only to a job order the Egyptian ministry has attested.',
    ar: 'لا يمكن دعوة المرشحين إلا لطلب استقدام صدّقت عليه الوزارة المصرية.',
  },
  recruitment_costs_not_on_employer: {
    status: 422,
    en: 'Recruitment costs must be borne by the employer: no fee may be taken from the worker (Egypt Law 14/2025 Art. 43; ILO employer-pays principle).',
    ar: 'يجب أن يتحمل صاحب العمل تكاليف الاستقدام: لا يجوز تحصيل أي مقابل من العامل (المادة ٤٣ من قانون العمل ١٤ لسنة ٢٠٢٥؛ مبدأ منظمة العمل الدولية: صاحب العمل يدفع).',
  },
  candidate_not_found: {
    status: 404,
    en: 'This candidate is not available: the profile was not shared with this country or was withdrawn.',
    ar: 'هذا المرشح غير متاح: لم تتم مشاركة الملف مع هذه الدولة أو تم سحبه.',
  },
  invitation_exists: {
    status: 409,
    en: 'You have already invited this candidate to this job order.',
    ar: 'سبق أن دعوت هذا المرشح إلى طلب الاستقدام هذا.',
  },
  application_not_found: { status: 404, en: 'Application not found.', ar: 'طلب التقديم غير موجود.' },
  // Licensed recruitment agencies and broker reports (Egyptian node; Law 14/2025 Art. 40–43).
  agency_not_found: { status: 404, en: 'No licensed agency has this licence number.', ar: 'لا توجد شركة إلحاق مرخّصة بهذا الرقم.' },
  agency_licence_taken: { status: 409, en: 'An agency with this licence number is already registered.', ar: 'توجد شركة مسجلة برقم الترخيص هذا.' },
  agency_revoked_final: {
    status: 409,
    en: 'This licence was revoked; a revoked licence cannot be reinstated or changed.',
    ar: 'أُلغي هذا الترخيص، والترخيص الملغى لا يُعاد ولا يُعدّل.',
  },
  agency_status_unchanged: { status: 409, en: 'The licence already has this status.', ar: 'الترخيص في هذه الحالة بالفعل.' },
  agency_not_valid: {
    status: 409,
    en: 'This agency may not act for workers now: its licence is suspended, revoked or expired.',
    ar: 'لا يجوز لهذه الشركة أن تعمل لحساب العمال الآن: ترخيصها موقوف أو ملغى أو منتهي.',
  },
  agency_authorisation_exists: { status: 409, en: 'You have already allowed this agency to act for you.', ar: 'سبق أن سمحت لهذه الشركة بالعمل لحسابك.' },
  agency_authorisation_not_active: { status: 404, en: 'You have not allowed this agency to act for you.', ar: 'لم تسمح لهذه الشركة بالعمل لحسابك.' },
  broker_report_not_found: { status: 404, en: 'No broker report has this reference.', ar: 'لا يوجد بلاغ بهذا الرقم المرجعي.' },
  broker_report_status_unchanged: { status: 409, en: 'The report already has this status.', ar: 'البلاغ في هذه الحالة بالفعل.' },
  broker_report_assignee_invalid: {
    status: 422,
    en: 'Reports can be assigned only to active HQ administrators and overseas-employment officers.',
    ar: 'لا يُسند البلاغ إلا إلى مسؤولي الديوان العام أو موظفي التشغيل بالخارج النشطين.',
  },
  // Transparency register (RFC 9162 Merkle log, C2SP checkpoints).
  register_no_checkpoint: {
    status: 404,
    en: 'The register has no signed checkpoint yet.',
    ar: 'لا توجد نقطة تحقق موقّعة في السجل بعد.',
  },
  register_index_out_of_range: {
    status: 400,
    en: 'The entry index must be less than the tree size.',
    ar: 'يجب أن يكون رقم القيد أصغر من حجم الشجرة.',
  },
  register_size_beyond_checkpoint: {
    status: 400,
    en: 'The tree size is larger than the latest signed checkpoint.',
    ar: 'حجم الشجرة أكبر من آخر نقطة تحقق موقّعة.',
  },
  register_consistency_range: {
    status: 400,
    en: 'The first tree size must be at least 1 and not larger than the second.',
    ar: 'يجب ألا يقل حجم الشجرة الأول عن ١ وألا يزيد على الحجم الثاني.',
  },
  register_entry_pending: {
    status: 409,
    en: 'This entry is not in a signed checkpoint yet; try again in a few seconds.',
    ar: 'هذا القيد لم يدخل نقطة تحقق موقّعة بعد؛ حاول مرة أخرى بعد ثوانٍ.',
  },
  // ---- contracts (issue 4)
  contract_not_found: { status: 404, en: 'Contract not found.', ar: 'العقد غير موجود.' },
  contract_invitation_not_accepted: { status: 409, en: 'A contract can only follow an invitation the worker accepted.', ar: 'لا يُحرَّر عقد إلا بعد أن يقبل العامل الدعوة.' },
  contract_exists: { status: 409, en: 'A contract already exists for this invitation; amend it instead.', ar: 'يوجد عقد لهذه الدعوة بالفعل؛ عدّله بدلًا من إنشاء عقد جديد.' },
  contract_template_missing: { status: 422, en: 'There is no contract template for this destination yet.', ar: 'لا يوجد نموذج عقد لهذا البلد بعد.' },
  contract_not_editable: { status: 409, en: 'Only a draft can be edited or submitted.', ar: 'لا يمكن تعديل العقد أو إرساله إلا وهو مسودة.' },
  contract_checks_failed: { status: 422, en: 'The contract does not meet the rules; see the checks.', ar: 'العقد لا يستوفي القواعد؛ راجع نتائج الفحص.' },
  contract_not_amendable: { status: 409, en: 'This contract cannot be amended in its current state.', ar: 'لا يمكن تعديل هذا العقد في حالته الحالية.' },
  contract_not_cancellable: { status: 409, en: 'This contract cannot be cancelled in its current state.', ar: 'لا يمكن إلغاء هذا العقد في حالته الحالية.' },
  contract_not_concluded: { status: 409, en: 'The contract is not concluded yet.', ar: 'لم يُبرم العقد بعد.' },
  contract_not_awaiting_attestation: { status: 409, en: 'This contract is not waiting for attestation.', ar: 'هذا العقد لا ينتظر التوثيق.' },
  contract_already_attested_by_you: { status: 409, en: 'You have already attested this contract; a second, different officer must attest it.', ar: 'سبق أن وثّقت هذا العقد؛ يجب أن يوثّقه موظف آخر.' },
  contract_not_offered: { status: 409, en: 'This contract is not waiting for your answer.', ar: 'هذا العقد لا ينتظر ردّك.' },
  document_not_found: { status: 404, en: 'Document not found.', ar: 'الوثيقة غير موجودة.' },
  register_checkpoint_pending: { status: 503, en: 'The register is publishing its next checkpoint; try again in a few seconds.', ar: 'السجل يصدر نقطة التحقق التالية؛ حاول بعد ثوانٍ.' },
  // ---- e-services (issue 5)
  service_not_found: { status: 404, en: 'There is no such service.', ar: 'لا توجد خدمة بهذا الرمز.' },
  service_application_not_found: { status: 404, en: 'Service application not found.', ar: 'طلب الخدمة غير موجود.' },
  service_not_eligible: { status: 422, en: 'You cannot apply for this service now; see the reasons.', ar: 'لا يمكنك التقدم لهذه الخدمة الآن؛ راجع الأسباب.' },
  service_application_open: { status: 409, en: 'You already have an open application for this service.', ar: 'لديك طلب مفتوح لهذه الخدمة بالفعل.' },
  service_application_duplicate: { status: 409, en: 'An application about the same subject is already open (for a work permit: the same foreign worker at the same establishment); see which one.', ar: 'يوجد طلب مفتوح عن الموضوع نفسه (لتصريح العمل: العامل الأجنبي نفسه في المنشأة نفسها)؛ راجع رقمه.' },
  service_application_state: { status: 409, en: 'This action is not possible in the application\'s current state (someone may have acted on it just now). Reload it.', ar: 'لا يمكن تنفيذ هذا الإجراء في حالة الطلب الحالية (ربما تصرّف فيه أحد الآن). أعد تحميله.' },
  service_step_role: { status: 403, en: 'Your role does not act at this step of the application.', ar: 'دورك لا يختص بهذه المرحلة من الطلب.' },
  service_assignee_invalid: { status: 422, en: 'Applications can be assigned only to an active clerk or head of the application\'s office.', ar: 'لا يُسند الطلب إلا إلى موظف أو رئيس نشط في مكتب الطلب.' },
  service_transfer_invalid: { status: 422, en: 'Transfer to another active labour office.', ar: 'يجب التحويل إلى مكتب عمل آخر نشط.' },
  service_no_escalation: { status: 409, en: 'This service has no directorate step to escalate to.', ar: 'هذه الخدمة ليس لها مرحلة في المديرية للتصعيد إليها.' },
  skill_session_full: { status: 409, en: 'This test session has no seats left; choose another date or centre.', ar: 'لا توجد مقاعد متاحة في جلسة الاختبار هذه؛ اختر موعدًا أو مركزًا آخر.' },
  skill_session_started: { status: 409, en: 'This test session has already started (Cairo time); choose a later session.', ar: 'بدأ موعد الاختبار هذا بالفعل (بتوقيت القاهرة)؛ اختر موعدًا لاحقًا.' },
  skill_session_not_found: { status: 404, en: 'There is no skill test booked for this application.', ar: 'لا يوجد اختبار مهارة محجوز لهذا الطلب.' },
  skill_results_too_early: { status: 409, en: 'Results can be entered only on or after the test session date.', ar: 'لا تُسجَّل النتائج إلا في يوم جلسة الاختبار أو بعده.' },
  skill_results_missing: { status: 409, en: 'Enter the theoretical and practical results before approving.', ar: 'سجّل نتيجتي الاختبار النظري والعملي قبل الموافقة.' },
  skill_test_not_passed: { status: 422, en: 'The scores reach no grade: the certificate cannot be issued; reject the application with the reason.', ar: 'الدرجات لا تبلغ أي مستوى: لا يمكن إصدار الشهادة؛ ارفض الطلب مع ذكر السبب.' },
  work_permit_not_found: { status: 404, en: 'Work permit not found.', ar: 'تصريح العمل غير موجود.' },
  work_permit_state: { status: 409, en: 'This permit can no longer be cancelled (already cancelled or renewed).', ar: 'لا يمكن إلغاء هذا التصريح (أُلغي أو جُدِّد بالفعل).' },
  testing_centre_not_found: { status: 404, en: 'Testing centre not found.', ar: 'مركز القياس غير موجود.' },
  testing_centre_code_taken: { status: 409, en: 'Another testing centre already has this code.', ar: 'يوجد مركز قياس آخر بهذا الرمز.' },
  test_session_not_found: { status: 404, en: 'Test session not found.', ar: 'موعد الاختبار غير موجود.' },
  test_session_past: { status: 409, en: 'This session date has passed; a past session cannot be changed.', ar: 'مضى تاريخ هذا الموعد؛ لا يمكن تعديل موعد سابق.' },
  // ---- e-service documents and fees (issue 5 §6)
  upload_type_unknown: { status: 422, en: 'This service does not ask for a document of this type.', ar: 'هذه الخدمة لا تطلب مستندًا من هذا النوع.' },
  upload_too_large: { status: 413, en: 'The file is larger than allowed for this document.', ar: 'حجم الملف أكبر من المسموح لهذا المستند.' },
  upload_empty: { status: 422, en: 'The file is empty.', ar: 'الملف فارغ.' },
  upload_content_refused: { status: 415, en: 'The file\'s content is not of an accepted type for this document (its name or declared type do not count).', ar: 'محتوى الملف ليس من الأنواع المقبولة لهذا المستند (لا يُعتدّ باسم الملف أو النوع المُعلن).' },
  upload_state: { status: 409, en: 'Documents can be added only to a draft or when the office asks for information.', ar: 'لا تُضاف المستندات إلا إلى مسودة أو عند طلب المكتب معلومات.' },
  upload_not_found: { status: 404, en: 'Uploaded document not found.', ar: 'المستند المرفوع غير موجود.' },
  required_documents_missing: { status: 422, en: 'Upload every required document before submitting.', ar: 'ارفع كل المستندات المطلوبة قبل تقديم الطلب.' },
  fee_not_paid: { status: 409, en: 'The fee is not paid (or waived) yet: record the payment before approving.', ar: 'لم تُدفع الرسوم (ولم يُعفَ منها) بعد: سجّل الدفع قبل الموافقة.' },
  fee_already_settled: { status: 409, en: 'The fee of this application is already paid or waived.', ar: 'رسوم هذا الطلب مدفوعة أو مُعفاة بالفعل.' },
  fee_not_due: { status: 409, en: 'This application has no fee to pay now.', ar: 'لا توجد رسوم مستحقة على هذا الطلب الآن.' },
  receipt_number_used: { status: 409, en: 'This receipt number is already recorded.', ar: 'رقم الإيصال هذا مسجل من قبل.' },
  payment_signature_invalid: { status: 401, en: 'The payment callback is not signed with the shared secret, or its signature is stale.', ar: 'إشعار الدفع غير موقّع بالسر المشترك أو انتهت صلاحية توقيعه.' },
  payment_not_found: { status: 404, en: 'Payment not found.', ar: 'عملية الدفع غير موجودة.' },
  // E-learning (issue 6).
  course_not_found: { status: 404, en: 'Course not found.', ar: 'الدورة غير موجودة.' },
  lesson_not_found: { status: 404, en: 'Lesson not found.', ar: 'الدرس غير موجود.' },
  course_module_not_found: { status: 404, en: 'Course module not found.', ar: 'الوحدة غير موجودة.' },
  quiz_question_not_found: { status: 404, en: 'Question not found.', ar: 'السؤال غير موجود.' },
  course_state: {
    status: 409,
    en: 'The course is not in a state that allows this (draft or returned courses are edited; only submitted courses are approved or returned; only HQ training publishes).',
    ar: 'حالة الدورة لا تسمح بهذا الإجراء (تُعدَّل المسودات والدورات المُعادة فقط، ولا يُعتمد أو يُعاد إلا ما قُدِّم، والنشر لإدارة التدريب بالديوان العام وحدها).',
  },
  course_not_editable: {
    status: 409,
    en: 'This course can no longer be changed: modules, lessons, questions and quiz settings are edited only while the course is a draft or has been returned to its centre.',
    ar: 'لا يمكن تعديل هذه الدورة الآن: تُعدَّل الوحدات والدروس والأسئلة وإعدادات الاختبار فقط ما دامت الدورة مسودة أو أُعيدت إلى المركز.',
  },
  course_not_ready: { status: 422, en: 'The course is not ready to submit: fix the listed problems first.', ar: 'الدورة غير جاهزة للتقديم: عالج المشكلات المذكورة أولًا.' },
  course_incomplete: { status: 409, en: 'A course needs at least one lesson before it is submitted.', ar: 'يجب أن تحتوي الدورة على درس واحد على الأقل قبل تقديمها.' },
  course_prerequisite_invalid: { status: 422, en: 'A prerequisite must be another published course.', ar: 'يجب أن يكون المتطلب السابق دورة أخرى منشورة.' },
  course_prerequisites_missing: { status: 409, en: 'Complete the prerequisite courses first.', ar: 'أكمل الدورات المطلوبة مسبقًا أولًا.' },
  not_enrolled: { status: 403, en: 'Enrol in the course first.', ar: 'سجّل في الدورة أولًا.' },
  enrolment_not_found: { status: 404, en: 'Enrolment not found.', ar: 'التسجيل غير موجود.' },
  quiz_not_available: { status: 409, en: 'This course has no quiz questions yet.', ar: 'لا توجد أسئلة اختبار لهذه الدورة بعد.' },
  quiz_attempts_exhausted: { status: 409, en: 'You have used all the attempts allowed for this quiz.', ar: 'استنفدت كل المحاولات المسموح بها لهذا الاختبار.' },
  quiz_already_passed: { status: 409, en: 'You have already passed this quiz.', ar: 'لقد اجتزت هذا الاختبار بالفعل.' },
  quiz_attempt_not_found: { status: 404, en: 'Quiz attempt not found.', ar: 'محاولة الاختبار غير موجودة.' },
  quiz_attempt_closed: { status: 409, en: 'This attempt was already submitted.', ar: 'تم تسليم هذه المحاولة من قبل.' },
  quiz_time_over: {
    status: 409,
    en: 'The time limit of this attempt has passed: the answers were not accepted and the attempt is counted.',
    ar: 'انتهى الوقت المحدد لهذه المحاولة: لم تُقبل الإجابات وتُحتسب المحاولة.',
  },
  quiz_answer_invalid: { status: 400, en: 'An answer does not belong to this attempt.', ar: 'إجابة لا تخص هذه المحاولة.' },
  lesson_file_type: {
    status: 415,
    en: 'Upload a PDF, MP4 or WebM file (the file content is checked, not its name).',
    ar: 'ارفع ملف PDF أو فيديو MP4 أو WebM (يُفحص محتوى الملف لا اسمه).',
  },
  lesson_file_too_large: { status: 413, en: 'The file is too large: PDF up to 20 MB, video up to 200 MB.', ar: 'الملف كبير جدًا: ملف PDF حتى ٢٠ ميجابايت والفيديو حتى ٢٠٠ ميجابايت.' },
  range_not_satisfiable: { status: 416, en: 'The requested byte range is outside the file.', ar: 'نطاق البايتات المطلوب خارج حدود الملف.' },
  lesson_file_not_found: { status: 404, en: 'This lesson has no file.', ar: 'لا يوجد ملف لهذا الدرس.' },
  // Virtual classrooms (issue 6 §5).
  live_session_not_found: { status: 404, en: 'Live session not found.', ar: 'الجلسة المباشرة غير موجودة.' },
  live_session_full: { status: 409, en: 'This session is full: every seat is booked.', ar: 'هذه الجلسة مكتملة: كل المقاعد محجوزة.' },
  live_session_cancelled: { status: 409, en: 'This session was cancelled.', ar: 'أُلغيت هذه الجلسة.' },
  live_session_started: { status: 409, en: 'This session has already started: a booking can no longer be cancelled.', ar: 'بدأت هذه الجلسة بالفعل: لم يعد ممكنًا إلغاء الحجز.' },
  live_session_ended: { status: 409, en: 'This session has ended: seats can no longer be booked.', ar: 'انتهت هذه الجلسة: لم يعد ممكنًا حجز مقعد فيها.' },
  live_session_not_started: { status: 409, en: 'Attendance and the recording can be set only once the session has started.', ar: 'لا يُسجَّل الحضور ولا التسجيل المرئي إلا بعد بدء الجلسة.' },
  live_session_not_open: {
    status: 409,
    en: 'The join link opens 15 minutes before the start and closes when the session ends.',
    ar: 'يُفتح رابط الدخول قبل موعد البدء بخمس عشرة دقيقة ويُغلق بانتهاء الجلسة.',
  },
  live_session_not_booked: { status: 403, en: 'Book a seat in this session first.', ar: 'احجز مقعدًا في هذه الجلسة أولًا.' },
  live_session_booking_not_found: { status: 404, en: 'Booking not found in this session.', ar: 'الحجز غير موجود في هذه الجلسة.' },
  live_session_time_invalid: { status: 422, en: 'The start must be in the future and within one year.', ar: 'يجب أن يكون موعد البدء في المستقبل وخلال سنة.' },
  live_session_no_recording: { status: 409, en: 'The conferencing service has no published recording of this session yet.', ar: 'لا يوجد لدى خدمة المؤتمرات تسجيل منشور لهذه الجلسة بعد.' },
  conferencing_no_recordings: { status: 409, en: 'The built-in room does not record: link the recording yourself.', ar: 'الغرفة المدمجة لا تسجّل الجلسات: أضف رابط التسجيل بنفسك.' },
  conferencing_unavailable: { status: 502, en: 'The conferencing service did not answer correctly. Try again in a minute.', ar: 'لم تستجب خدمة المؤتمرات كما ينبغي. حاول مرة أخرى بعد دقيقة.' },
  // E-learning: free-text grading, centre enrolment (issue 6 §2-3, 0023).
  quiz_answer_too_long: { status: 400, en: 'An answer is longer than the question allows.', ar: 'إحدى الإجابات أطول من المسموح به في السؤال.' },
  quiz_awaiting_grading: {
    status: 409,
    en: 'Your last attempt is waiting for the trainer to grade it: you will see the result, and may try again if needed, after that.',
    ar: 'محاولتك الأخيرة في انتظار تصحيح المدرب: ستظهر النتيجة بعد التصحيح، ويمكنك المحاولة مرة أخرى بعدها إن لزم.',
  },
  grading_not_submitted: { status: 409, en: 'This attempt has not been submitted (or it expired): there is nothing to grade.', ar: 'لم تُسلَّم هذه المحاولة (أو انتهى وقتها): لا يوجد ما يُصحَّح.' },
  grading_already_done: { status: 409, en: 'This attempt has already been graded; a grade is given once.', ar: 'صُحِّحت هذه المحاولة من قبل؛ يُعطى التصحيح مرة واحدة.' },
  grading_incomplete: {
    status: 422,
    en: 'Grade every free-text answer of this attempt, once each, and nothing else.',
    ar: 'صحّح كل إجابة نصية في هذه المحاولة مرة واحدة، ولا شيء غيرها.',
  },
  trainee_not_found: {
    status: 404,
    en: 'No confirmed account has this mobile number or email. The trainee registers on Rabt and confirms their mobile first.',
    ar: 'لا يوجد حساب مؤكَّد بهذا الرقم أو البريد. يسجّل المتدرب في ربط ويؤكد رقم محموله أولًا.',
  },
  trainee_ambiguous: { status: 409, en: 'Several accounts use this email: enrol the trainee by their mobile number.', ar: 'هذا البريد مستخدم في أكثر من حساب: سجّل المتدرب برقم محموله.' },
  already_enrolled: { status: 409, en: 'This trainee is already enrolled in this course.', ar: 'هذا المتدرب مسجّل في هذه الدورة بالفعل.' },
  course_not_published: { status: 409, en: 'Trainees can be enrolled in published courses only.', ar: 'لا يُسجَّل المتدربون إلا في الدورات المنشورة.' },
  // SCORM 1.2 packages as lesson content (issue 6 §1, 0026).
  scorm_not_zip: { status: 415, en: 'Upload the SCORM package as a .zip file (the file content is checked, not its name).', ar: 'ارفع حزمة SCORM كملف ‎.zip (يُفحص محتوى الملف لا اسمه).' },
  scorm_too_large: { status: 413, en: 'The SCORM package is too large: up to 50 MB zipped and 200 MB unzipped.', ar: 'حزمة SCORM كبيرة جدًا: حتى ٥٠ ميجابايت مضغوطة و٢٠٠ ميجابايت بعد فك الضغط.' },
  scorm_too_many_files: { status: 422, en: 'The SCORM package has too many files (at most 2,000).', ar: 'حزمة SCORM تحتوي على ملفات كثيرة جدًا (٢٠٠٠ ملف على الأكثر).' },
  scorm_zip_invalid: { status: 422, en: 'The .zip file is damaged, encrypted or uses an unsupported compression method.', ar: 'ملف ‎.zip تالف أو مشفّر أو يستخدم طريقة ضغط غير مدعومة.' },
  scorm_unsafe_path: { status: 422, en: 'A file in the package has an unsafe path (.., an absolute path or a drive letter).', ar: 'أحد ملفات الحزمة له مسار غير آمن (.. أو مسار مطلق أو حرف قرص).' },
  scorm_manifest_missing: { status: 422, en: 'The package has no imsmanifest.xml at its root: export the course as a SCORM 1.2 package.', ar: 'لا يوجد ملف imsmanifest.xml في جذر الحزمة: صدّر الدورة كحزمة SCORM 1.2.' },
  scorm_manifest_invalid: { status: 422, en: 'imsmanifest.xml is not a readable SCORM manifest.', ar: 'ملف imsmanifest.xml ليس بيان SCORM صالحًا للقراءة.' },
  scorm_version_unsupported: {
    status: 422,
    en: 'Only SCORM 1.2 packages are supported (the manifest says another version, e.g. SCORM 2004): export the course as SCORM 1.2.',
    ar: 'تُقبل حزم SCORM 1.2 فقط (البيان يذكر إصدارًا آخر مثل SCORM 2004): صدّر الدورة بصيغة SCORM 1.2.',
  },
  scorm_no_sco: { status: 422, en: 'The manifest names no SCO whose launch file is in the package.', ar: 'لا يذكر البيان وحدة SCO يوجد ملف تشغيلها داخل الحزمة.' },
  scorm_session_time_invalid: {
    status: 400,
    en: 'The interactive content reported a session time (cmi.core.session_time) that is not a SCORM 1.2 time HHHH:MM:SS.SS, or without its launch: nothing was saved.',
    ar: 'أبلغ المحتوى التفاعلي عن مدة جلسة (cmi.core.session_time) ليست بصيغة وقت SCORM 1.2 ‏HHHH:MM:SS.SS، أو بلا رمز تشغيلها: لم يُحفظ شيء.',
  },
  // SCORM 1.2 mastery scores and prerequisites (issue 6 §1, 0030).
  scorm_mastery_score_invalid: {
    status: 422,
    en: 'A mastery score in imsmanifest.xml (adlcp:masteryscore) is not a number from 0 to 100: correct it in the authoring tool and export the package again.',
    ar: 'إحدى درجات الإتقان في ملف imsmanifest.xml ‏(adlcp:masteryscore) ليست رقمًا من ٠ إلى ١٠٠: صحّحها في أداة التأليف ثم صدّر الحزمة من جديد.',
  },
  scorm_sco_locked: {
    status: 409,
    en: 'This part of the interactive content opens after you pass or complete the parts it requires.',
    ar: 'هذا الجزء من المحتوى التفاعلي يُفتح بعد أن تجتاز الأجزاء التي يتطلبها أو تكملها.',
  },
  scorm_package_not_found: { status: 404, en: 'This lesson has no SCORM package.', ar: 'لا توجد حزمة SCORM لهذا الدرس.' },
  scorm_sco_not_found: { status: 404, en: 'This part of the interactive content does not exist.', ar: 'هذا الجزء من المحتوى التفاعلي غير موجود.' },
  scorm_launch_expired: { status: 403, en: 'This lesson link has expired or is not valid: reload the lesson page.', ar: 'انتهت صلاحية رابط الدرس أو أنه غير صالح: أعد تحميل صفحة الدرس.' },
  scorm_completion_by_sco: {
    status: 409,
    en: 'This lesson is interactive (SCORM): it is completed from within its interactive content, not by hand. Open the lesson while online and finish the content.',
    ar: 'هذا الدرس تفاعلي (SCORM): يُسجَّل إنهاؤه من داخل المحتوى التفاعلي نفسه لا يدويًا. افتح الدرس وأنت متصل بالإنترنت وأكمل المحتوى.',
  },
  // Legacy register imports (issue 5 §10).
  import_file_empty: { status: 400, en: 'The file is empty or has no data rows.', ar: 'الملف فارغ أو لا يحتوي على صفوف بيانات.' },
  import_file_type: { status: 415, en: 'Upload the register as a CSV file or an Excel workbook (.xlsx); the content must match its type.', ar: 'ارفع السجل كملف CSV أو مصنّف إكسل (.xlsx)، ويجب أن يطابق المحتوى نوعه.' },
  import_file_columns: { status: 400, en: 'The header row lacks required columns (see the import guide).', ar: 'صف العناوين تنقصه أعمدة مطلوبة (راجع دليل الاستيراد).' },
  import_not_found: { status: 404, en: 'Import not found.', ar: 'عملية الاستيراد غير موجودة.' },
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
  https_required: { en: 'The link must start with https://', ar: 'يجب أن يبدأ الرابط بـ https://' },
  correct_option_out_of_range: { en: 'The correct option number is greater than the number of options.', ar: 'رقم الخيار الصحيح أكبر من عدد الخيارات.' },
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
  establishment_number_format: {
    en: 'Enter the establishment number as issued in this country (Saudi Arabia: 10 digits starting with 7; Jordan: 9 digits).',
    ar: 'أدخل رقم المنشأة كما صدر في هذه الدولة (السعودية: ١٠ أرقام تبدأ بالرقم ٧؛ الأردن: ٩ أرقام).',
  },
  mobile_invalid_country: {
    en: "Enter a mobile number of this node's country, e.g. +966 50 123 4567.",
    ar: 'أدخل رقم محمول في دولة هذه العقدة، مثل ‎+966 50 123 4567.',
  },
  isco_unknown: { en: 'This is not an ISCO-08 unit group (4 digits).', ar: 'هذا ليس رمز مجموعة وحدات في تصنيف ISCO-08 (٤ أرقام).' },
  currency_not_country: {
    en: "Amounts are in this country's currency.",
    ar: 'المبالغ بعملة هذه الدولة.',
  },
  wage_positive: { en: 'The wage must be more than zero.', ar: 'يجب أن يكون الأجر أكبر من صفر.' },
  employer_pays_required: {
    en: 'Tick this: the employer bears every recruitment cost.',
    ar: 'اختر هذا: صاحب العمل يتحمل كل تكاليف الاستقدام.',
  },
  licence_number_format: {
    en: 'Enter the licence number as RA-year-number, e.g. RA-2025-0142.',
    ar: 'أدخل رقم الترخيص بالشكل RA-السنة-الرقم، مثل RA-2025-0142.',
  },
  agency_capital_below_minimum: {
    en: 'Paid-in capital is below the legal minimum: EGP 250,000 for placement in Egypt, EGP 500,000 for placement abroad (Law 14/2025 Art. 41).',
    ar: 'رأس المال المدفوع أقل من الحد الأدنى القانوني: ٢٥٠ ألف جنيه للتشغيل داخل مصر و٥٠٠ ألف جنيه للتشغيل بالخارج (المادة ٤١ من القانون ١٤ لسنة ٢٠٢٥).',
  },
  agency_phone_invalid: { en: 'Enter a phone number with digits only (spaces and dashes allowed).', ar: 'أدخل رقم هاتف بالأرقام فقط (يُسمح بالمسافات والشرطات).' },
  agency_licence_dates: { en: 'The licence must expire after the date it was issued.', ar: 'يجب أن ينتهي الترخيص بعد تاريخ إصداره.' },
  date_in_past: { en: 'Choose today or a later date.', ar: 'اختر تاريخ اليوم أو تاريخًا لاحقًا.' },
  capacity_below_booked: { en: 'The capacity cannot be below the seats already booked.', ar: 'لا يجوز أن تقل السعة عن عدد المقاعد المحجوزة بالفعل.' },
  number_out_of_range: { en: 'Enter a whole number within the allowed range.', ar: 'أدخل رقمًا صحيحًا ضمن النطاق المسموح.' },
  date_range_reversed: { en: 'The end date is before the start date.', ar: 'تاريخ النهاية قبل تاريخ البداية.' },
  isco_has_bookings: { en: 'Applicants have booked this session for an occupation you removed; keep it.', ar: 'حجز متقدمون هذا الموعد لمهنة حذفتها؛ أبقِها.' },
  // Value bounds of numbers and dates; the API states the bound in the message (apps/api/src/http/errors.ts boundFieldError).
  number_too_small: { en: 'This value is smaller than the allowed minimum.', ar: 'القيمة أصغر من الحد الأدنى المسموح به.' },
  number_too_large: { en: 'This value is larger than the allowed maximum.', ar: 'القيمة أكبر من الحد الأقصى المسموح به.' },
  date_too_early: { en: 'This date is earlier than the allowed date.', ar: 'هذا التاريخ أقدم من المسموح به.' },
  date_too_late: { en: 'This date is later than the allowed date.', ar: 'هذا التاريخ أحدث من المسموح به.' },
  amount_too_large: { en: 'This amount is larger than the allowed maximum.', ar: 'المبلغ أكبر من الحد الأقصى المسموح به.' },
  passport_expiry_required: { en: 'Enter the passport expiry date with the passport number.', ar: 'أدخل تاريخ انتهاء جواز السفر مع رقمه.' },
} as const satisfies Record<string, { en: string; ar: string }>;

export type FieldErrorCode = keyof typeof FIELD_ERRORS;

const RANGE_PREFIX = 'number_out_of_range:';

/**
 * The zod message of a whole-number field with bounds (`.min(…, { message: outOfRangeMessage(0, 100) })`,
 * also for a non-number): `number_out_of_range:<min>:<max>`. The API turns it into the field error
 * `number_out_of_range` whose message states the range («أدخل رقمًا صحيحًا من ٠ إلى ١٠٠.»).
 */
export function outOfRangeMessage(min: number, max: number): string {
  return `${RANGE_PREFIX}${min}:${max}`;
}

/** The bilingual field error of an `outOfRangeMessage`, or null for any other message. */
export function rangeFieldError(message: string): { code: 'number_out_of_range'; message: { ar: string; en: string } } | null {
  if (!message.startsWith(RANGE_PREFIX)) return null;
  const [min, max] = message.slice(RANGE_PREFIX.length).split(':');
  if (min === undefined || max === undefined) return null;
  const ar = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  return { code: 'number_out_of_range', message: { ar: `أدخل رقمًا صحيحًا من ${ar(min)} إلى ${ar(max)}.`, en: `Enter a whole number from ${min} to ${max}.` } };
}

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
  /** With `service_not_eligible` and `service_application_duplicate`: the reasons in Arabic (`detail` carries them in English). */
  reasonsAr: z.string().optional(),
  /** With `service_application_duplicate`: the open application the new one would repeat (its id and reference). */
  openApplicationId: z.string().optional(),
  openApplicationReference: z.string().optional(),
  /** With `import_file_columns`: the missing column keys, comma-separated, and their Arabic names. */
  missingColumns: z.string().optional(),
  missingColumnsAr: z.string().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
