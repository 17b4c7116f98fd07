import { Link, useSearchParams } from 'react-router';
import { OrientationStatusFilter, type OrientationCourse, type OrientationList } from '@rabt/contracts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatDate, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { useApp } from '../../session.tsx';
import { OrientationPrompts } from './cards.tsx';
import { num, useO } from './strings.ts';

/** `/orientation`: each destination's pre-departure orientation course (public); a signed-in worker's to-do on top. */
export function OrientationPage() {
  const l = useO();
  const locale = useLocale();
  const { session } = useApp();
  usePageTitle(l.title);
  const { data, error } = useLoad<OrientationCourse[]>('/api/v1/orientation/courses');
  return (
    <>
      <h1>{l.title}</h1>
      <p className="lead">{l.lead}</p>
      {session?.kind === 'citizen' && <OrientationPrompts />}
      <ProblemAlert error={error} />
      <ul className="plain-list">
        {data?.map((c) => (
          <li key={c.country} className="card">
            <h2>
              <Link to={`/courses/${c.courseId}`}>{c.title[locale]}</Link>
            </h2>
            <p>{c.description[locale]}</p>
            <p className="hint">
              {l.lessons(num(c.lessonCount, locale))} · {l.quiz(num(c.quizQuestionCount, locale), num(c.passPercent, locale))}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

const READERS = ['overseas_officer', 'hq_admin', 'auditor'] as const;

/** `/attestation/orientation`: concluded contracts with their orientation status, per destination. */
export function OfficerOrientationPage() {
  const l = useO();
  usePageTitle(l.officerTitle);
  return <RequireStaff roles={READERS} title={l.officerTitle}>{() => <OfficerList />}</RequireStaff>;
}

function OfficerList() {
  const l = useO();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const country = /^[A-Z]{2}$/.test(params.get('country') ?? '') ? params.get('country')! : '';
  const status = OrientationStatusFilter.safeParse(params.get('status')).data ?? '';
  const q = new URLSearchParams({ ...(country && { country }), ...(status && { status }) }).toString();
  const { data, error } = useLoad<OrientationList>(`/api/v1/attestation/orientation${q ? `?${q}` : ''}`);
  const courses = useLoad<OrientationCourse[]>('/api/v1/orientation/courses');
  const set = (next: { country?: string; status?: string }) => {
    const merged = { country, status, ...next };
    setParams(new URLSearchParams(Object.entries(merged).filter(([, v]) => v !== '')));
  };
  return (
    <>
      <h1>{l.officerTitle}</h1>
      <p>
        <Link to="/attestation/contracts">{l.backToQueue}</Link>
      </p>
      <p>{l.officerIntro}</p>
      <ProblemAlert error={error} />
      {data && data.summary.length > 0 && (
        <section aria-labelledby="summary-title">
          <h2 id="summary-title">{l.summary}</h2>
          <TableWrap label={l.summary}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{l.country}</th>
                  <th scope="col">{l.concluded}</th>
                  <th scope="col">{l.completed}</th>
                  <th scope="col">{l.rate}</th>
                </tr>
              </thead>
              <tbody>
                {data.summary.map((s) => (
                  <tr key={s.country}>
                    <th scope="row">{s.countryName[locale]}</th>
                    <td>{num(s.concluded, locale)}</td>
                    <td>{num(s.completed, locale)}</td>
                    <td>{num(s.concluded ? Math.round((100 * s.completed) / s.concluded) : 0, locale)}٪</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
      <div className="filters">
        <SelectField name="country" label={l.country} value={country} onChange={(e) => set({ country: e.currentTarget.value })}>
          <option value="">{l.anyCountry}</option>
          {courses.data?.map((c) => (
            <option key={c.country} value={c.country}>
              {c.countryName[locale]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="actions" role="group" aria-label={l.status}>
        {(['', 'completed', 'pending'] as const).map((s) => (
          <button key={s || 'all'} type="button" className="btn btn-secondary btn-small" aria-pressed={s === status} onClick={() => set({ status: s })}>
            {s === '' ? l.all : s === 'completed' ? l.statusCompleted : l.statusPending}
          </button>
        ))}
      </div>
      {data?.items.length === 0 && <p>{l.none}</p>}
      {data?.truncated && <p className="hint">{l.truncated}</p>}
      <ul className="plain-list">
        {data?.items.map((i) => (
          <li key={`${i.contractId}-${i.version}`}>
            <article className="card" aria-labelledby={`or-${i.contractId}`} data-testid="orientation-row">
              <h2 id={`or-${i.contractId}`}>
                <Link to={`/attestation/contracts/${i.contractId}/${i.version}`}>
                  {i.workerName[locale]} — {i.jobTitle[locale] || i.jobTitle.ar}
                </Link>
              </h2>
              <p>
                {i.employerName[locale] || i.employerName.ar} ({i.countryName[locale]}) · {l.concludedOn}: <time dateTime={i.concludedAt}>{formatDate(i.concludedAt, locale)}</time>
              </p>
              <p className={i.record ? 'ok-text' : undefined}>
                {l.status}: {i.record ? `✓ ${l.statusCompleted} (${formatDate(i.record.completedAt, locale)})` : l.statusPending}
                {i.record && (
                  <>
                    {' '}
                    · {l.certificate}: <bdi dir="ltr">{i.record.certificateCode}</bdi>
                  </>
                )}
              </p>
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
