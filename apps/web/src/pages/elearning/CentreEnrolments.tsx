import { useState, type FormEvent } from 'react';
import type { CentreEnrolment, CourseSummary, StaffMember } from '@rabt/contracts';
import { fieldErrors, post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/**
 * `/training/enrolments` (issue 6 §2): the centre manager enrols a trainee by mobile number or email into a
 * published course of the centre; trainers and the manager see who is enrolled, by whom, and their progress.
 */
const text = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '');

export function CentreEnrolmentsPage() {
  const g = useG();
  usePageTitle(g.enrolTitle);
  return <RequireStaff roles={['trainer', 'training_centre_manager']} title={g.enrolTitle}>{(staff) => <Enrolments staff={staff} />}</RequireStaff>;
}

function Enrolments({ staff }: { staff: StaffMember }) {
  const g = useG();
  const locale = useLocale();
  const manager = staff.role === 'training_centre_manager';
  const courses = useLoad<CourseSummary[]>(manager ? '/api/v1/training/courses?status=published' : null);
  const list = useLoad<CentreEnrolment[]>('/api/v1/training/enrolments');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<CentreEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  async function enrol(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await post<CentreEnrolment>('/api/v1/training/enrolments', { courseId: text(f.get('courseId')), account: text(f.get('account')) });
      setDone(r);
      form.reset();
      list.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <h1>{g.enrolTitle}</h1>
      {manager && (
        <>
          <p className="lead">{g.enrolLead}</p>
          {courses.data?.length === 0 && <p>{g.noPublished}</p>}
          {courses.data && courses.data.length > 0 && (
            <form className="training-form" onSubmit={(e) => void enrol(e)} aria-labelledby="enrol-h">
              <h2 id="enrol-h">{g.enrolSubmit}</h2>
              <SelectField name="courseId" idPrefix="enrol" label={g.enrolCourse} required defaultValue="">
                <option value="" disabled>
                  {g.chooseCourse}
                </option>
                {courses.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title[locale]}
                  </option>
                ))}
              </SelectField>
              <Field name="account" idPrefix="enrol" label={g.account} hint={g.accountHint} error={fieldErrors(error, locale).account} required autoComplete="off" dir="auto" />
              <ProblemAlert error={error} />
              <button type="submit" disabled={busy}>
                {g.enrolSubmit}
              </button>
            </form>
          )}
          {done && (
            <Notice>
              <p>{g.enrolled(done.traineeName[locale], done.courseTitle[locale])}</p>
              {done.notified === false && <p>{g.smsFailed}</p>}
            </Notice>
          )}
        </>
      )}
      <section aria-labelledby="enrolments-h">
        <h2 id="enrolments-h">{g.enrolments}</h2>
        <ProblemAlert error={list.error ?? courses.error} />
        {list.data?.length === 0 && <p>{g.none}</p>}
        {list.data && list.data.length > 0 && (
          <TableWrap label={g.enrolments}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{g.trainee}</th>
                  <th scope="col">{g.mobile}</th>
                  <th scope="col">{g.course}</th>
                  <th scope="col">{g.enrolledAt}</th>
                  <th scope="col">{g.enrolledBy}</th>
                  <th scope="col">{g.progress}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((r) => (
                  <tr key={r.enrolmentId}>
                    <th scope="row">{r.traineeName[locale]}</th>
                    <td>
                      <bdi dir="ltr">{r.mobileMasked}</bdi>
                    </td>
                    <td>{r.courseTitle[locale]}</td>
                    <td>{formatDate(r.enrolledAt, locale)}</td>
                    <td>{r.enrolledBy ? r.enrolledBy[locale] : g.self}</td>
                    <td>{num(r.progressPercent, locale)}٪</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
