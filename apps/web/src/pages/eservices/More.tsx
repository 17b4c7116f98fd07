import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ServiceApplicationDetail, ServiceFormField, SkillTestView, TestSession, WorkPermit } from '@rabt/contracts';
import { fieldErrors, post } from '../../api/client.ts';
import { BusyButton, Field, formValues, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatClock, formatDate, useLoad, useLocale, usePageTitle, usePending } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import type { UiLocale } from '../../i18n/index.ts';
import { digits } from './common.tsx';

/**
 * The service-specific parts of the e-services pages (issue 5 §3–§5): booking a skill-test session in
 * the application form, the examiner's results entry and the results view, and the work permits of an
 * establishment's representative with their state and renewal. Arabic first; logical CSS only.
 */

const T = {
  ar: {
    chooseIscoFirst: 'اختر المهنة أولًا لتظهر مواعيد الاختبار المتاحة.',
    noSessions: 'لا توجد مواعيد متاحة لهذه المهنة حاليًا.',
    choose: 'اختر',
    seats: (n: string) => `${n} مقعدًا متاحًا`,
    full: 'مكتملة',
    centre: 'مركز القياس',
    address: 'العنوان',
    when: 'الموعد',
    seatsLeft: 'المقاعد المتاحة',
    chosen: 'الموعد المختار',
    testTitle: 'اختبار قياس المهارة',
    session: 'الموعد والمركز',
    theoretical: 'درجة الاختبار النظري (من ١٠٠)',
    practical: 'درجة الاختبار العملي (من ١٠٠)',
    scoreHint: 'عدد صحيح من ٠ إلى ١٠٠؛ تُقبل الأرقام العربية.',
    grade: 'المستوى',
    theoreticalShort: 'النظري',
    practicalShort: 'العملي',
    notPassed: 'لم يبلغ أي مستوى',
    notYet: 'لم تُسجّل النتائج بعد',
    saveResults: 'حفظ النتائج',
    resultsFrom: (date: string) => `يُفتح نموذج النتائج في يوم جلسة الاختبار (${date}): لا تُسجَّل النتائج إلا في يوم الجلسة أو بعده.`,
    thresholds: 'حدود المستويات (نظري / عملي)',
    saved: 'حُفظت النتائج.',
    permitsTitle: 'تصاريح عمل العمال الأجانب',
    permitNumber: 'رقم التصريح',
    worker: 'العامل',
    establishment: 'المنشأة',
    validUntil: 'ساري حتى',
    state: 'الحالة',
    renew: 'تجديد',
    renewFor: (n: string) => `تجديد التصريح ${n}`,
    verify: 'التحقق',
    cancel: 'إلغاء التصريح',
    cancelReason: 'سبب الإلغاء',
    actions: 'إجراءات',
    officePermits: 'تصاريح العمل في نطاقك',
    none: 'لا توجد تصاريح.',
    cancelled: 'أُلغي التصريح وسُحبت وثيقته.',
  },
  en: {
    chooseIscoFirst: 'Choose the occupation first to see the available test sessions.',
    noSessions: 'There are no sessions for this occupation at the moment.',
    choose: 'Choose',
    seats: (n: string) => `${n} seats left`,
    full: 'full',
    centre: 'Testing centre',
    address: 'Address',
    when: 'Date and time',
    seatsLeft: 'Seats left',
    chosen: 'Chosen session',
    testTitle: 'Skill test',
    session: 'Session and centre',
    theoretical: 'Theoretical score (out of 100)',
    practical: 'Practical score (out of 100)',
    scoreHint: 'A whole number from 0 to 100; Arabic-Indic digits are accepted.',
    grade: 'Grade',
    theoreticalShort: 'Theoretical',
    practicalShort: 'Practical',
    notPassed: 'No grade reached',
    notYet: 'No results yet',
    saveResults: 'Save results',
    resultsFrom: (date: string) => `The results form opens on the test session's day (${date}): results are recorded only on the session's day or later.`,
    thresholds: 'Grade thresholds (theoretical / practical)',
    saved: 'Results saved.',
    permitsTitle: 'Work permits for foreign workers',
    permitNumber: 'Permit number',
    worker: 'Worker',
    establishment: 'Establishment',
    validUntil: 'Valid until',
    state: 'State',
    renew: 'Renew',
    renewFor: (n: string) => `Renew permit ${n}`,
    verify: 'Verify',
    cancel: 'Cancel the permit',
    cancelReason: 'Reason for cancellation',
    actions: 'Actions',
    officePermits: 'Work permits in your scope',
    none: 'No permits.',
    cancelled: 'The permit is cancelled and its document revoked.',
  },
};

const STATES: Record<WorkPermit['state'], { ar: string; en: string }> = {
  active: { ar: 'ساري', en: 'Active' },
  renewal_due: { ar: 'حان موعد التجديد', en: 'Renewal due' },
  expired: { ar: 'منتهي', en: 'Expired' },
  renewed: { ar: 'جُدِّد', en: 'Renewed' },
  cancelled: { ar: 'ملغى', en: 'Cancelled' },
};

/** When a test session is: its day and start, Cairo time (the centres are in Egypt), e.g. «١٥ مارس ٢٠٢٦، الساعة ٩:١٥ ص بتوقيت القاهرة». */
export function sessionWhen(s: { date: string; startTime: string }, locale: UiLocale): string {
  return locale === 'ar' ? `${formatDate(s.date, locale)}، الساعة ${formatClock(s.startTime, locale)} بتوقيت القاهرة` : `${formatDate(s.date, locale)}, ${formatClock(s.startTime, locale)} Cairo time`;
}

/**
 * A session as one short option line, centre first so that a narrow (360 px) select still tells sessions
 * apart: «centre — date، time — seats». The time zone and address are shown under the select (SessionFacts).
 */
function sessionLabel(s: TestSession, locale: UiLocale): string {
  const t = T[locale];
  const centre = locale === 'ar' ? s.centre.nameAr : s.centre.nameEn;
  const seats = s.seatsLeft > 0 ? t.seats(digits(s.seatsLeft, locale)) : t.full;
  return `${centre} — ${formatDate(s.date, locale)}${locale === 'ar' ? '،' : ','} ${formatClock(s.startTime, locale)} — ${seats}`;
}

/** A session's full details: centre, address, day and start (Cairo time) and, when `seats`, the seats left. */
export function SessionFacts({ session, seats = false }: { session: TestSession; seats?: boolean }) {
  const locale = useLocale();
  const t = T[locale];
  return (
    <dl className="facts" data-testid="session-facts">
      <dt>{t.centre}</dt>
      <dd>{locale === 'ar' ? session.centre.nameAr : session.centre.nameEn}</dd>
      <dt>{t.address}</dt>
      <dd>{locale === 'ar' ? session.centre.addressAr : session.centre.addressEn}</dd>
      <dt>{t.when}</dt>
      <dd>{sessionWhen(session, locale)}</dd>
      {seats && (
        <>
          <dt>{t.seatsLeft}</dt>
          <dd>{session.seatsLeft > 0 ? digits(session.seatsLeft, locale) : t.full}</dd>
        </>
      )}
    </dl>
  );
}

/** The session booked by a draft skill-certificate application, for the review step before sending. */
export function ReviewSession({ app }: { app: ServiceApplicationDetail }) {
  const locale = useLocale();
  const { data } = useLoad<SkillTestView>(`/api/v1/my/applications/${app.id}/skill-test`);
  if (!data) return null;
  return (
    <section aria-labelledby="review-session-h">
      <h3 id="review-session-h">{T[locale].chosen}</h3>
      <SessionFacts session={data.session} />
    </section>
  );
}

/**
 * Form field of type `test_session`: the sessions with seats left for the occupation chosen in the same
 * form (the `isco` field), from GET /api/v1/skill-tests/sessions. Full sessions are listed but disabled.
 */
export function TestSessionField({ field, error }: { field: ServiceFormField; error?: string | undefined }) {
  const locale = useLocale();
  const t = T[locale];
  const ref = useRef<HTMLDivElement>(null);
  const [isco, setIsco] = useState('');
  const [chosenId, setChosenId] = useState('');
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    const read = () => {
      const el = form.elements.namedItem('isco');
      setIsco(el instanceof HTMLSelectElement || el instanceof HTMLInputElement ? el.value : '');
    };
    read();
    form.addEventListener('change', read);
    return () => form.removeEventListener('change', read);
  }, []);
  const sessions = useLoad<TestSession[]>(/^\d{4}$/.test(isco) ? `/api/v1/skill-tests/sessions?isco=${isco}` : null);
  const hint = !isco ? t.chooseIscoFirst : sessions.data && sessions.data.length === 0 ? t.noSessions : field.help?.[locale];
  const chosen = sessions.data?.find((s) => s.id === chosenId);
  return (
    <div ref={ref}>
      <SelectField name={field.key} label={field.label[locale]} hint={hint} error={error} required={field.required} defaultValue="" key={isco} onChange={(e) => setChosenId(e.target.value)}>
        <option value="">{t.choose}</option>
        {sessions.data?.map((s) => (
          <option key={s.id} value={s.id} disabled={s.seatsLeft === 0}>
            {sessionLabel(s, locale)}
          </option>
        ))}
      </SelectField>
      <div aria-live="polite">
        {chosen && (
          <>
            <p className="hint">{t.chosen}</p>
            <SessionFacts session={chosen} seats />
          </>
        )}
      </div>
    </div>
  );
}

/**
 * The booking and results of a skill-certificate application. Staff (`staff`): the examiner's results
 * form while the application is at the examination step and the caller may approve it; `onSaved` runs after
 * results are saved (the case page then offers approval).
 */
export function SkillTestPanel({ app, staff, onSaved }: { app: ServiceApplicationDetail; staff: boolean; onSaved?: () => void }) {
  const locale = useLocale();
  const t = T[locale];
  const base = staff ? '/api/v1/office/applications' : '/api/v1/my/applications';
  const { data, error, reload } = useLoad<SkillTestView>(`${base}/${app.id}/skill-test`);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const canEnter = staff && app.currentStep?.key === 'examination' && app.allowedActions.includes('approve');
  const { pending, run } = usePending();
  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    void run(async () => {
      setSaveError(null);
      setNotice('');
      try {
        await post(`${base}/${app.id}/skill-test/results`, { theoreticalScore: v.theoreticalScore ?? '', practicalScore: v.practicalScore ?? '' });
        setNotice(t.saved);
        reload();
        onSaved?.();
      } catch (err) {
        setSaveError(err);
      }
    });
  }
  if (error) return <ProblemAlert error={error} />;
  if (!data) return null;
  const errs = fieldErrors(saveError, locale);
  // Results are entered on the session's day or later (the API refuses earlier); Cairo's calendar day.
  const beforeTest = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Cairo' }).format(new Date()) < data.session.date;
  const score = (n: number | null) => (n === null ? '—' : `${digits(n, locale)} / ${digits(100, locale)}`);
  return (
    <section aria-labelledby="skill-test-h" className="card">
      <h2 id="skill-test-h">{t.testTitle}</h2>
      <p>
        <strong>{t.session}:</strong> {sessionWhen(data.session, locale)} — {locale === 'ar' ? data.session.centre.nameAr : data.session.centre.nameEn}
        {' — '}
        {locale === 'ar' ? data.session.centre.addressAr : data.session.centre.addressEn}
      </p>
      <dl className="facts">
        <dt>{t.theoreticalShort}</dt>
        <dd>{score(data.theoreticalScore)}</dd>
        <dt>{t.practicalShort}</dt>
        <dd>{score(data.practicalScore)}</dd>
        <dt>{t.grade}</dt>
        <dd>
          <strong>{data.gradeTitle ? data.gradeTitle[locale] : data.resultsAt ? t.notPassed : t.notYet}</strong>
        </dd>
      </dl>
      {canEnter && beforeTest && <p className="hint">{t.resultsFrom(formatDate(data.session.date, locale))}</p>}
      {canEnter && !beforeTest && (
        <form className="form" onSubmit={save} noValidate aria-label={t.saveResults}>
          {notice && <Notice>{notice}</Notice>}
          <ProblemAlert error={saveError} />
          <Field name="theoreticalScore" idPrefix="skill" label={t.theoretical} hint={t.scoreHint} error={errs.theoreticalScore} inputMode="numeric" autoComplete="off" maxLength={3} required />
          <Field name="practicalScore" idPrefix="skill" label={t.practical} hint={t.scoreHint} error={errs.practicalScore} inputMode="numeric" autoComplete="off" maxLength={3} required />
          <BusyButton type="submit" className="btn btn-primary" busy={pending}>
            {t.saveResults}
          </BusyButton>
          <details>
            <summary>{t.thresholds}</summary>
            <ul>
              {data.thresholds.map((g) => (
                <li key={g.level}>
                  {g.title[locale]}: {digits(g.minTheoretical, locale)} / {digits(g.minPractical, locale)}
                </li>
              ))}
            </ul>
          </details>
        </form>
      )}
    </section>
  );
}

/** The representative's work permits with their state; a renewal link while renewal is open (before expiry). */
export function MyWorkPermits() {
  const locale = useLocale();
  const t = T[locale];
  const { data, error } = useLoad<WorkPermit[]>('/api/v1/my/work-permits');
  if (error) return <ProblemAlert error={error} />;
  if (!data || data.length === 0) return null;
  return (
    <section aria-labelledby="permits-h">
      <h2 id="permits-h">{t.permitsTitle}</h2>
      <PermitTable permits={data} renderAction={(p) => (p.renewable ? <Link to={`/services/work_permit/apply?renew=${p.id}`} aria-label={t.renewFor(p.permitNumber)}>{t.renew}</Link> : null)} />
    </section>
  );
}

function PermitTable({ permits, renderAction }: { permits: WorkPermit[]; renderAction: (p: WorkPermit) => ReactNode }) {
  const locale = useLocale();
  const t = T[locale];
  return (
    <TableWrap label={t.permitsTitle}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.permitNumber}</th>
            <th scope="col">{t.worker}</th>
            <th scope="col">{t.establishment}</th>
            <th scope="col">{t.validUntil}</th>
            <th scope="col">{t.state}</th>
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>
          {permits.map((p) => (
            <tr key={p.id}>
              <td>{p.documentCode ? <Link to={`/verify/${p.documentCode}`}><bdi dir="ltr">{p.permitNumber}</bdi></Link> : <bdi dir="ltr">{p.permitNumber}</bdi>}</td>
              <td>
                <bdi>{p.workerName}</bdi>
              </td>
              <td>{p.establishmentName}</td>
              <td>{formatDate(p.validUntil, locale)}</td>
              <td>
                <strong className={`permit-state permit-${p.state}`}>{STATES[p.state][locale]}</strong>
              </td>
              <td>{renderAction(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

const PERMIT_ROLES = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'] as const;

/** `/office/work-permits`: the permits in the caller's scope; cancellation with a reason revokes the document. */
export function OfficeWorkPermitsPage() {
  const locale = useLocale();
  return (
    <RequireStaff roles={PERMIT_ROLES} title={T[locale].officePermits}>
      {() => <OfficeWorkPermits />}
    </RequireStaff>
  );
}

function OfficeWorkPermits() {
  const locale = useLocale();
  const t = T[locale];
  const { data, error, reload } = useLoad<WorkPermit[]>('/api/v1/office/work-permits');
  const [cancelling, setCancelling] = useState<WorkPermit | null>(null);
  const [actError, setActError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  async function cancel(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!cancelling) return;
    const v = formValues(e.currentTarget);
    setActError(null);
    try {
      await post(`/api/v1/office/work-permits/${cancelling.id}/cancel`, { reason: v.reason ?? '' });
      setCancelling(null);
      setNotice(t.cancelled);
      reload();
    } catch (err) {
      setActError(err);
    }
  }
  usePageTitle(t.officePermits);
  const errs = fieldErrors(actError, locale);
  return (
    <>
      <h1>{t.officePermits}</h1>
      <ProblemAlert error={error ?? actError} />
      {notice && <Notice>{notice}</Notice>}
      {data && data.length === 0 && <p>{t.none}</p>}
      {data && data.length > 0 && (
        <PermitTable
          permits={data}
          renderAction={(p) =>
            p.state === 'active' || p.state === 'renewal_due' ? (
              <button type="button" className="btn btn-secondary" onClick={() => setCancelling(p)} aria-label={`${t.cancel} ${p.permitNumber}`}>
                {t.cancel}
              </button>
            ) : null
          }
        />
      )}
      {cancelling && (
        <form className="form card" onSubmit={(e) => void cancel(e)} noValidate aria-label={`${t.cancel} ${cancelling.permitNumber}`}>
          <Field name="reason" idPrefix="cancel" label={`${t.cancelReason} — ${cancelling.permitNumber}`} error={errs.reason} required maxLength={2000} />
          <button type="submit" className="btn btn-primary">
            {t.cancel}
          </button>
        </form>
      )}
    </>
  );
}

/** For the apply page: the answers of the permit being renewed (`?renew=<permit id>`), or null. */
export function useRenewalPrefill(permitId: string | null): { ready: boolean; answers: Record<string, unknown> | null } {
  const permits = useLoad<WorkPermit[]>(permitId ? '/api/v1/my/work-permits' : null);
  if (!permitId) return { ready: true, answers: null };
  const p = permits.data?.find((x) => x.id === permitId);
  return { ready: permits.data !== undefined || permits.error !== undefined, answers: p ? p.renewalAnswers : null };
}

