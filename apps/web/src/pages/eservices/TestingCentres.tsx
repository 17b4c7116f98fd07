import { useState, type FormEvent } from 'react';
import type { Governorate, StaffTestSession, TestingCentre } from '@rabt/contracts';
import { fieldErrors, patch, post } from '../../api/client.ts';
import { Field, formValues, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatClock, formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import type { UiLocale } from '../../i18n/index.ts';
import { digits } from './common.tsx';

/**
 * `/staff/testing-centres`: HQ administrators (every governorate) and directorate managers (their own)
 * keep the skill-testing centres and schedule their test sessions (Law 14/2025 Art. 27, Decree 266/2025);
 * auditors read. The API checks everything again (no past date, capacity not below the seats booked,
 * booked occupations kept, ISCO codes known) and audits each change. Numbers and dates may be typed in
 * Arabic-Indic digits. Arabic first; logical CSS only.
 */

const T = {
  ar: {
    title: 'مراكز قياس المهارة ومواعيد الاختبار',
    lead: 'أضف مراكز القياس وعدّلها، وحدّد مواعيد الاختبار وسعتها والمهن التي تُختبر فيها. تظهر المواعيد للمواطنين فور حفظها إذا كان المركز نشطًا.',
    scopeAll: 'نطاقك: كل المحافظات.',
    scopeOne: 'نطاقك: مراكز محافظتك فقط.',
    readOnly: 'للاطلاع فقط.',
    centres: 'المراكز',
    centre: 'المركز',
    code: 'رمز المركز',
    codeHint: 'حروف لاتينية كبيرة وأرقام وشرطات، مثل STC-CAI-02. لا يتغير بعد الحفظ.',
    nameAr: 'الاسم بالعربية',
    nameEn: 'الاسم بالإنجليزية',
    governorate: 'المحافظة',
    addressAr: 'العنوان بالعربية',
    addressEn: 'العنوان بالإنجليزية',
    active: 'نشط (تُعرض مواعيده للحجز)',
    status: 'الحالة',
    isActive: 'نشط',
    inactive: 'موقوف',
    upcoming: 'مواعيد قادمة',
    actions: 'إجراءات',
    add: 'إضافة مركز',
    edit: 'تعديل',
    editCentre: (c: string) => `تعديل ${c}`,
    newCentre: 'مركز جديد',
    sessionsOf: (c: string) => `مواعيد الاختبار في ${c}`,
    showSessions: 'المواعيد',
    showSessionsOf: (c: string) => `مواعيد ${c}`,
    save: 'حفظ',
    cancel: 'إلغاء',
    saved: 'حُفظ المركز.',
    savedSession: 'حُفظ الموعد.',
    none: 'لا توجد مراكز في نطاقك.',
    noSessions: 'لا توجد مواعيد لهذا المركز بعد.',
    date: 'تاريخ الاختبار',
    dateHint: 'بالصيغة سنة-شهر-يوم، مثل \u2066٢٠٢٦-٠٣-١٥\u2069؛ اليوم أو بعده. تُقبل الأرقام العربية.',
    startTime: 'وقت البدء (بتوقيت القاهرة)',
    startTimeHint: 'بنظام ٢٤ ساعة، مثل \u2066٠٩:٣٠\u2069 أو \u2066١٤:٠٠\u2069. تُقبل الأرقام العربية.',
    capacity: 'السعة (عدد المقاعد)',
    capacityHint: 'من ١ إلى ١٠٠٠، ولا تقل عن المقاعد المحجوزة.',
    isco: 'المهن التي تُختبر (رموز ISCO-08)',
    iscoHint: 'رموز من ٤ أرقام مفصولة بفواصل، مثل ٧٤١١، ٧١٢٦.',
    booked: 'محجوز',
    seatsAvailable: 'متاح',
    schedule: 'تحديد موعد',
    newSession: 'موعد جديد',
    editSession: (d: string) => `تعديل موعد ${d}`,
    past: 'مضى',
  },
  en: {
    title: 'Skill-testing centres and test sessions',
    lead: 'Add and edit testing centres, and schedule test sessions with their capacity and the occupations tested. Sessions are offered to citizens as soon as they are saved, if the centre is active.',
    scopeAll: 'Your scope: every governorate.',
    scopeOne: "Your scope: your governorate's centres only.",
    readOnly: 'Read only.',
    centres: 'Centres',
    centre: 'Centre',
    code: 'Centre code',
    codeHint: 'Capital letters, digits and dashes, e.g. STC-CAI-02. It cannot change once saved.',
    nameAr: 'Name in Arabic',
    nameEn: 'Name in English',
    governorate: 'Governorate',
    addressAr: 'Address in Arabic',
    addressEn: 'Address in English',
    active: 'Active (its sessions can be booked)',
    status: 'Status',
    isActive: 'Active',
    inactive: 'Suspended',
    upcoming: 'Upcoming sessions',
    actions: 'Actions',
    add: 'Add a centre',
    edit: 'Edit',
    editCentre: (c: string) => `Edit ${c}`,
    newCentre: 'New centre',
    sessionsOf: (c: string) => `Test sessions at ${c}`,
    showSessions: 'Sessions',
    showSessionsOf: (c: string) => `Sessions of ${c}`,
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Centre saved.',
    savedSession: 'Session saved.',
    none: 'There are no centres in your scope.',
    noSessions: 'This centre has no sessions yet.',
    date: 'Test date',
    dateHint: 'As year-month-day, e.g. 2026-03-15; today or later. Arabic-Indic digits are accepted.',
    startTime: 'Start time (Cairo time)',
    startTimeHint: '24-hour clock, e.g. 09:30 or 14:00. Arabic-Indic digits are accepted.',
    capacity: 'Capacity (seats)',
    capacityHint: 'From 1 to 1000, and not below the seats already booked.',
    isco: 'Occupations tested (ISCO-08 codes)',
    iscoHint: '4-digit codes separated by commas, e.g. 7411, 7126.',
    booked: 'Booked',
    seatsAvailable: 'Available',
    schedule: 'Schedule a session',
    newSession: 'New session',
    editSession: (d: string) => `Edit the session of ${d}`,
    past: 'past',
  },
};

const READERS = ['hq_admin', 'directorate_manager', 'auditor'] as const;

/** Splits "٧٤١١، 7126 7126" into codes (the API normalises digits and drops duplicates). */
function splitCodes(v: string): string[] {
  return v
    .split(/[\s,،;]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function TestingCentresPage() {
  const locale = useLocale();
  usePageTitle(T[locale].title);
  return <RequireStaff roles={READERS} title={T[locale].title}>{(staff) => <Centres canEdit={staff.role !== 'auditor'} allGovernorates={staff.role !== 'directorate_manager'} ownGovernorate={staff.directorateCode ?? null} />}</RequireStaff>;
}

function Centres({ canEdit, allGovernorates, ownGovernorate }: { canEdit: boolean; allGovernorates: boolean; ownGovernorate: string | null }) {
  const locale = useLocale();
  const t = T[locale];
  const centres = useLoad<TestingCentre[]>('/api/v1/office/testing-centres');
  const governorates = useLoad<Governorate[]>('/api/v1/governorates');
  const [editing, setEditing] = useState<TestingCentre | 'new' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const govName = (code: string) => {
    const g = governorates.data?.find((x) => x.code === code);
    return g ? (locale === 'ar' ? g.nameAr : g.nameEn) : code;
  };
  const choosable = (governorates.data ?? []).filter((g) => allGovernorates || g.code === ownGovernorate);
  const current = centres.data?.find((c) => c.id === selected);
  return (
    <>
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p>
        {allGovernorates ? t.scopeAll : t.scopeOne} {!canEdit && t.readOnly}
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert error={centres.error} />
      <section aria-labelledby="centres-h">
        <h2 id="centres-h">{t.centres}</h2>
        {centres.data && centres.data.length === 0 && <p>{t.none}</p>}
        {centres.data && centres.data.length > 0 && (
          <TableWrap label={t.centres}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.centre}</th>
                  <th scope="col">{t.governorate}</th>
                  <th scope="col">{t.status}</th>
                  <th scope="col">{t.upcoming}</th>
                  <th scope="col">{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {centres.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {locale === 'ar' ? c.nameAr : c.nameEn}
                      <br />
                      <span className="small">
                        {t.code}: <bdi dir="ltr">{c.code}</bdi>
                      </span>
                    </th>
                    <td>{govName(c.governorateCode)}</td>
                    <td>{c.active ? t.isActive : t.inactive}</td>
                    <td>{digits(c.upcomingSessions, locale)}</td>
                    <td>
                      <div className="actions">
                        <button type="button" className="btn btn-secondary" aria-label={t.showSessionsOf(locale === 'ar' ? c.nameAr : c.nameEn)} aria-pressed={selected === c.id} onClick={() => setSelected(c.id)}>
                          {t.showSessions}
                        </button>
                        {canEdit && (
                          <button type="button" className="btn btn-secondary" aria-label={t.editCentre(locale === 'ar' ? c.nameAr : c.nameEn)} onClick={() => setEditing(c)}>
                            {t.edit}
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {canEdit && editing === null && (
          <p>
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              {t.add}
            </button>
          </p>
        )}
        {canEdit && editing !== null && (
          <CentreForm
            key={editing === 'new' ? 'new' : editing.id}
            centre={editing === 'new' ? null : editing}
            governorates={choosable}
            onCancel={() => setEditing(null)}
            onSaved={(c) => {
              setEditing(null);
              setSelected(c.id);
              setNotice(t.saved);
              centres.reload();
            }}
          />
        )}
      </section>
      {current && <Sessions key={current.id} centre={current} canEdit={canEdit} onChange={centres.reload} />}
    </>
  );
}

function CentreForm({ centre, governorates, onCancel, onSaved }: { centre: TestingCentre | null; governorates: Governorate[]; onCancel: () => void; onSaved: (c: TestingCentre) => void }) {
  const locale = useLocale();
  const t = T[locale];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);
  const title = centre ? t.editCentre(locale === 'ar' ? centre.nameAr : centre.nameEn) : t.newCentre;
  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const body = { nameAr: v.nameAr ?? '', nameEn: v.nameEn ?? '', governorateCode: v.governorateCode ?? '', addressAr: v.addressAr ?? '', addressEn: v.addressEn ?? '', active: v.active === 'on' };
    setBusy(true);
    setError(null);
    try {
      onSaved(centre ? await patch<TestingCentre>(`/api/v1/office/testing-centres/${centre.id}`, body) : await post<TestingCentre>('/api/v1/office/testing-centres', { ...body, code: v.code ?? '' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form card" onSubmit={(e) => void save(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={error} />
      {!centre && <Field name="code" idPrefix="centre" label={t.code} hint={t.codeHint} error={errs.code} required maxLength={30} autoComplete="off" dir="ltr" />}
      <Field name="nameAr" idPrefix="centre" label={t.nameAr} error={errs.nameAr} required maxLength={200} defaultValue={centre?.nameAr} lang="ar" dir="rtl" />
      <Field name="nameEn" idPrefix="centre" label={t.nameEn} error={errs.nameEn} required maxLength={200} defaultValue={centre?.nameEn} lang="en" dir="ltr" />
      <SelectField name="governorateCode" idPrefix="centre" label={t.governorate} error={errs.governorateCode} required defaultValue={centre?.governorateCode ?? (governorates.length === 1 ? governorates[0]!.code : '')}>
        <option value="">—</option>
        {governorates.map((g) => (
          <option key={g.code} value={g.code}>
            {locale === 'ar' ? g.nameAr : g.nameEn}
          </option>
        ))}
      </SelectField>
      <Field name="addressAr" idPrefix="centre" label={t.addressAr} error={errs.addressAr} required maxLength={300} defaultValue={centre?.addressAr} lang="ar" dir="rtl" />
      <Field name="addressEn" idPrefix="centre" label={t.addressEn} error={errs.addressEn} required maxLength={300} defaultValue={centre?.addressEn} lang="en" dir="ltr" />
      <div className="check">
        <input type="checkbox" id="centre-active" name="active" defaultChecked={centre ? centre.active : true} />
        <label htmlFor="centre-active">{t.active}</label>
      </div>
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t.save}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </p>
    </form>
  );
}

function Sessions({ centre, canEdit, onChange }: { centre: TestingCentre; canEdit: boolean; onChange: () => void }) {
  const locale = useLocale();
  const t = T[locale];
  const name = locale === 'ar' ? centre.nameAr : centre.nameEn;
  const sessions = useLoad<StaffTestSession[]>(`/api/v1/office/testing-centres/${centre.id}/sessions`);
  const [editing, setEditing] = useState<StaffTestSession | null>(null);
  const [notice, setNotice] = useState('');
  const saved = () => {
    setEditing(null);
    setNotice(t.savedSession);
    sessions.reload();
    onChange();
  };
  return (
    <section aria-labelledby="sessions-h" className="card">
      <h2 id="sessions-h">{t.sessionsOf(name)}</h2>
      {notice && <Notice>{notice}</Notice>}
      <ProblemAlert error={sessions.error} />
      {sessions.data && sessions.data.length === 0 && <p>{t.noSessions}</p>}
      {sessions.data && sessions.data.length > 0 && (
        <TableWrap label={t.sessionsOf(name)}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.date}</th>
                <th scope="col">{t.startTime}</th>
                <th scope="col">{t.capacity}</th>
                <th scope="col">{t.booked}</th>
                <th scope="col">{t.seatsAvailable}</th>
                <th scope="col">{t.isco}</th>
                {canEdit && <th scope="col">{t.actions}</th>}
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    {formatDate(s.date, locale)}
                    {s.past && <> ({t.past})</>}
                  </td>
                  <td>{formatClock(s.startTime, locale)}</td>
                  <td>{digits(s.capacity, locale)}</td>
                  <td>{digits(s.booked, locale)}</td>
                  <td>{digits(s.seatsLeft, locale)}</td>
                  <td>{s.iscoCodes.map((c) => digits(c, locale)).join(locale === 'ar' ? '، ' : ', ')}</td>
                  {canEdit && (
                    <td>
                      {!s.past && (
                        <button type="button" className="btn btn-secondary" aria-label={t.editSession(`${formatDate(s.date, locale)} ${formatClock(s.startTime, locale)}`)} onClick={() => setEditing(s)}>
                          {t.edit}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {canEdit && <SessionForm key={editing?.id ?? 'new'} centre={centre} session={editing} onCancel={editing ? () => setEditing(null) : undefined} onSaved={saved} />}
    </section>
  );
}

function SessionForm({ centre, session, onCancel, onSaved }: { centre: TestingCentre; session: StaffTestSession | null; onCancel: (() => void) | undefined; onSaved: () => void }) {
  const locale: UiLocale = useLocale();
  const t = T[locale];
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);
  const title = session ? t.editSession(`${formatDate(session.date, locale)} ${formatClock(session.startTime, locale)}`) : t.newSession;
  async function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    const body = { date: (v.date ?? '').trim(), startTime: (v.startTime ?? '').trim(), capacity: (v.capacity ?? '').trim(), iscoCodes: splitCodes(v.iscoCodes ?? '') };
    setBusy(true);
    setError(null);
    try {
      if (session) await patch(`/api/v1/office/test-sessions/${session.id}`, body);
      else await post(`/api/v1/office/testing-centres/${centre.id}/sessions`, body);
      form.reset();
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form" onSubmit={(e) => void save(e)} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={error} />
      <Field name="date" idPrefix="session" label={t.date} hint={t.dateHint} error={errs.date} required maxLength={10} inputMode="numeric" autoComplete="off" placeholder="YYYY-MM-DD" dir="ltr" defaultValue={session?.date} />
      <Field name="startTime" idPrefix="session" label={t.startTime} hint={t.startTimeHint} error={errs.startTime} required maxLength={5} inputMode="numeric" autoComplete="off" placeholder="HH:MM" dir="ltr" defaultValue={session?.startTime ?? '09:00'} />
      <Field name="capacity" idPrefix="session" label={t.capacity} hint={t.capacityHint} error={errs.capacity} required maxLength={4} inputMode="numeric" autoComplete="off" defaultValue={session ? String(session.capacity) : undefined} />
      <Field name="iscoCodes" idPrefix="session" label={t.isco} hint={t.iscoHint} error={errs.iscoCodes} required maxLength={400} autoComplete="off" defaultValue={session?.iscoCodes.join(', ')} />
      <p className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {session ? t.save : t.schedule}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        )}
      </p>
    </form>
  );
}
