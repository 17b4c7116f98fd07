import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApplicationFeeStatus, EligibilityResult, ServiceApplication, ServiceApplicationDetail, ServiceDefinitionView, ServiceFormField, ServiceSummary } from '@rabt/contracts';
import { fieldErrors, post } from '../../api/client.ts';
import { useApp } from '../../session.tsx';
import { BusyButton, Field, formValues, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { formatDate, formatDateTime, useLoad, useLocale, useOccupationSearch, usePageTitle, usePending } from '../../ui/hooks.ts';
import { digits, durationText, feeText, Messages, sizeText, ServiceProblem, SlaText, statusLabel, Timeline, useS } from './common.tsx';
import { MyWorkPermits, ReviewSession, SkillTestPanel, TestSessionField, useRenewalPrefill } from './More.tsx';
import { DocumentsAndFee } from './DocumentsFee.tsx';
import { LiveChecks } from './Quote.tsx';

/** `/services`: the public catalogue. */
export function ServicesPage() {
  const s = useS();
  const locale = useLocale();
  usePageTitle(s.catalogueTitle);
  const { data, error } = useLoad<ServiceSummary[]>('/api/v1/services');
  return (
    <>
      <h1>{s.catalogueTitle}</h1>
      <p className="lead">{s.catalogueLead}</p>
      <ProblemAlert error={error} />
      <ul className="plain-list">
        {data?.map((svc) => (
          <li key={svc.code} className="card">
            <h2>
              <Link to={`/services/${svc.code}`}>{svc.title[locale]}</Link>
            </h2>
            <p>{svc.description[locale]}</p>
            <dl className="facts">
              <dt>{s.fee}</dt>
              <dd>{svc.feeText[locale]}</dd>
              <dt>{s.expected}</dt>
              <dd>{durationText(svc.expectedHours, locale)}</dd>
              <dt>{s.legalBasis}</dt>
              <dd>{svc.legalBasis[locale]}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

/** `/services/:code`: what the service is, documents, fee, steps with expected time, eligibility explained, Apply. */
export function ServiceDetailPage() {
  const { code = '' } = useParams();
  const s = useS();
  const locale = useLocale();
  const { session } = useApp();
  const { data: def, error } = useLoad<ServiceDefinitionView>(`/api/v1/services/${encodeURIComponent(code)}`);
  const citizen = session?.kind === 'citizen';
  const elig = useLoad<EligibilityResult>(citizen ? `/api/v1/services/${encodeURIComponent(code)}/eligibility` : null);
  usePageTitle(def?.title[locale] ?? s.catalogueTitle);
  if (error) return <ProblemAlert error={error} />;
  if (!def) return <p aria-live="polite">…</p>;
  return (
    <>
      <h1>{def.title[locale]}</h1>
      <p className="lead">{def.description[locale]}</p>
      <dl className="facts">
        <dt>{s.legalBasis}</dt>
        <dd>{def.legalBasis[locale]}</dd>
        <dt>{s.fee}</dt>
        <dd>{def.fee.text[locale]}</dd>
        <dt>{s.expected}</dt>
        <dd>{durationText(def.expectedHours, locale)}</dd>
      </dl>
      <section aria-labelledby="docs-h">
        <h2 id="docs-h">{s.documents}</h2>
        <ul>
          {def.documents.map((d) => (
            <li key={d.type}>
              {d.label[locale]} {d.required ? s.required : s.optional} — {s.formats}: <bdi dir="ltr">{d.acceptedMimeTypes.map((m) => m.split('/')[1]?.toUpperCase()).join(', ')}</bdi>، {s.maxSize(sizeText(d.maxBytes, locale))}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="steps-h">
        <h2 id="steps-h">{s.steps}</h2>
        <ol>
          {def.steps.map((st) => (
            <li key={st.key}>
              {st.title[locale]} — {durationText(st.slaHours, locale)}
              {st.optional && <> ({s.stepOptional})</>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="elig-h">
        <h2 id="elig-h">{s.eligibility}</h2>
        <ul>
          {def.eligibility.map((r) => (
            <li key={r.key}>{r.label[locale]}</li>
          ))}
        </ul>
      </section>
      {def.notes.length > 0 && (
        <section aria-labelledby="notes-h">
          <h2 id="notes-h">{s.notes}</h2>
          <ul>
            {def.notes.map((n, i) => (
              <li key={i}>{n[locale]}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="you-h" className="card">
        <h2 id="you-h">{s.yourEligibility}</h2>
        {!citizen && (
          <p>
            {s.signInToApply} <Link to="/sign-in">{s.signIn}</Link>
          </p>
        )}
        <ProblemAlert error={elig.error} />
        {elig.data && (
          <>
            <p>{elig.data.eligible ? s.eligibleYes : s.eligibleNo}</p>
            {elig.data.openApplication && <OpenApplicationLink open={elig.data.openApplication} />}
            <ul>
              {/* The open application is said once, above, with its link. */}
              {elig.data.checks.filter((c) => c.key !== 'no_open_application').map((c) => (
                <li key={c.key}>
                  <strong>{c.ok ? `✓ ${s.ok}` : `✗ ${s.notOk}`}</strong>: {c.label[locale]}
                  {c.reason && <p>{c.reason[locale]}</p>}
                </li>
              ))}
            </ul>
            {elig.data.eligible && (
              <p>
                <Link className="btn btn-primary" to={`/services/${def.code}/apply`}>
                  {s.apply}
                </Link>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}

/** The applicant's open application of this service (one at a time): said, with a link to its status timeline. */
function OpenApplicationLink({ open }: { open: NonNullable<EligibilityResult['openApplication']> }) {
  const s = useS();
  return (
    <div className="alert alert-warn">
      <p>{s.openAlready(open.reference)}</p>
      <p>
        <Link to={`/my-applications/${open.id}`}>{s.openAlreadyLink}</Link>
      </p>
    </div>
  );
}

function IscoField({ field, error, defaultValue }: { field: ServiceFormField; error?: string | undefined; defaultValue?: string | undefined }) {
  const s = useS();
  const locale = useLocale();
  const { q, setQ, results } = useOccupationSearch({ limit: 10, unitGroups: true });
  const [picked, setPicked] = useState<{ code: string; title: string } | null>(defaultValue ? { code: defaultValue, title: '' } : null);
  return (
    <div className="field">
      <label htmlFor="isco-search">{s.search}</label>
      <p className="hint" id="isco-search-hint">
        {s.searchHint}
      </p>
      <input id="isco-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="isco-search-hint" autoComplete="off" maxLength={100} />
      <SelectField
        name={field.key}
        label={field.label[locale]}
        error={error}
        required={field.required}
        value={picked?.code ?? ''}
        onChange={(e) => {
          const o = results.data?.find((r) => r.code === e.target.value);
          setPicked(o ? { code: o.code, title: locale === 'ar' ? o.titleAr : o.titleEn } : null);
        }}
      >
        <option value="">{s.choose}</option>
        {picked && !results.data?.some((r) => r.code === picked.code) && <option value={picked.code}>{`${digits(picked.code, locale)} — ${picked.title}`}</option>}
        {results.data?.map((o) => (
          <option key={o.code} value={o.code}>{`${digits(o.code, locale)} — ${locale === 'ar' ? o.titleAr : o.titleEn}`}</option>
        ))}
      </SelectField>
    </div>
  );
}

/** Long lists (e.g. countries) in the alphabetical order of the page's language; short ones as defined. */
function sortedOptions(field: ServiceFormField, locale: 'ar' | 'en'): NonNullable<ServiceFormField['options']> {
  const options = field.options ?? [];
  if (options.length <= 20) return options;
  const collator = new Intl.Collator(locale);
  return [...options].sort((x, y) => collator.compare(x.label[locale], y.label[locale]));
}

/** One form field from the service definition. Numbers are text inputs (Arabic-Indic digits accepted by the API). */
function FormField({ field, error, defaultValue }: { field: ServiceFormField; error?: string | undefined; defaultValue?: string | undefined }) {
  const locale = useLocale();
  const s = useS();
  const label = field.label[locale];
  const hint = field.help?.[locale];
  switch (field.type) {
    case 'isco':
      return <IscoField field={field} error={error} defaultValue={defaultValue} />;
    case 'test_session':
      return <TestSessionField field={field} error={error} />;
    case 'select':
      return (
        <SelectField name={field.key} label={label} hint={hint} error={error} required={field.required} defaultValue={defaultValue ?? ''}>
          <option value="">{s.choose}</option>
          {sortedOptions(field, locale).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label[locale]}
            </option>
          ))}
        </SelectField>
      );
    case 'number':
      return <Field name={field.key} label={label} hint={hint ?? s.numberHint} error={error} required={field.required} inputMode="numeric" autoComplete="off" maxLength={field.max !== null && field.max > 9999 ? 7 : 4} defaultValue={defaultValue} />;
    case 'date':
      return <Field name={field.key} label={label} hint={hint} error={error} required={field.required} type="date" defaultValue={defaultValue} />;
    case 'text':
      return <Field name={field.key} label={label} hint={hint} error={error} required={field.required} maxLength={field.max ?? 500} defaultValue={defaultValue} />;
  }
}

/** `/services/:code/apply`: the form built from the definition, then the fee review and submission. */
export function ApplyPage() {
  const { code = '' } = useParams();
  const s = useS();
  const locale = useLocale();
  const navigate = useNavigate();
  const { data: def } = useLoad<ServiceDefinitionView>(`/api/v1/services/${encodeURIComponent(code)}`);
  const elig = useLoad<EligibilityResult>(`/api/v1/services/${encodeURIComponent(code)}/eligibility`);
  const [draft, setDraft] = useState<ServiceApplicationDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One request at a time (save, then send): a double click sends one; the button is disabled and aria-busy meanwhile.
  const { pending: busy, run } = usePending();
  // The exemption claimed in the form, so that the fee shown before sending follows it.
  const [exemption, setExemption] = useState('');
  // The fee and rules for the answers typed so far (POST …/quote), once the form has been touched.
  const [quote, setQuote] = useState<EligibilityResult | null>(null);
  // Answers of the fields that decide whether others are shown (`visibleWhen`).
  const [watched, setWatched] = useState<Record<string, string>>({});
  // A work-permit renewal (`?renew=<permit id>`): the form starts from the earlier permit's answers.
  const [params] = useSearchParams();
  const prefill = useRenewalPrefill(code === 'work_permit' ? params.get('renew') : null);
  usePageTitle(s.formTitle(def?.title[locale] ?? ''));
  const errs = fieldErrorsDeep(error, locale);

  function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!def) return;
    const form = e.currentTarget;
    const values = formValues(form);
    const answers: Record<string, string> = {};
    for (const f of def.form) if (values[f.key]) answers[f.key] = values[f.key]!;
    const declaredDocuments = def.documents.filter((d) => (form.elements.namedItem(`doc-${d.type}`) as HTMLInputElement | null)?.checked).map((d) => d.type);
    void run(async () => {
      setError(null);
      try {
        setDraft(await post<ServiceApplicationDetail>('/api/v1/my/applications', { serviceCode: def.code, officeId: values.officeId || undefined, answers, declaredDocuments, exemption: values.exemption || undefined }));
      } catch (err) {
        setError(err);
      }
    });
  }
  const submit = () => run(async () => {
    if (!draft) return;
    setError(null);
    try {
      await post(`/api/v1/my/applications/${draft.id}/submit`);
      await navigate(`/my-applications/${draft.id}`);
    } catch (err) {
      setError(err);
    }
  });
  if (!def || !elig.data || !prefill.ready) return <ProblemAlert error={elig.error} />;
  const initial = (key: string) => {
    const v = prefill.answers?.[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
  };
  const controlling = new Set(def.form.flatMap((f) => (f.visibleWhen ? [f.visibleWhen.key] : [])));
  const applies = (f: ServiceFormField) => {
    if (!f.visibleWhen) return true;
    const v = watched[f.visibleWhen.key] ?? initial(f.visibleWhen.key) ?? '';
    return f.visibleWhen.values.includes(v === '' ? null : v);
  };
  // An answer the API would refuse makes the fee only partly known: said instead of a possibly wrong amount.
  const feeUnknown = quote?.checks.some((c) => !c.ok && c.key.startsWith('answer_')) ?? false;
  if (!elig.data.eligible && !draft) {
    // Refused before anything is typed: the rules that are not met, with their reasons.
    return (
      <>
        <h1>{s.formTitle(def.title[locale])}</h1>
        <section aria-labelledby="not-eligible-h" className="card">
          <h2 id="not-eligible-h">{s.eligibleNo}</h2>
          {elig.data.openApplication && <OpenApplicationLink open={elig.data.openApplication} />}
          <ul>
            {elig.data.checks
              .filter((c) => !c.ok && c.key !== 'no_open_application')
              .map((c) => (
                <li key={c.key}>
                  <strong>{c.label[locale]}</strong>
                  {c.reason && <p>{c.reason[locale]}</p>}
                </li>
              ))}
          </ul>
          <p>
            <Link to={`/services/${def.code}`}>{s.backToService}</Link>
          </p>
        </section>
      </>
    );
  }
  return (
    <>
      <h1>{s.formTitle(def.title[locale])}</h1>
      <ServiceProblem error={error} />
      {draft ? (
        <section aria-labelledby="review-h" className="card">
          <h2 id="review-h">{s.review}</h2>
          <dl className="facts">
            <dt>{s.reference}</dt>
            <dd>
              <bdi dir="ltr">{draft.reference}</bdi>
            </dd>
            <dt>{s.office_}</dt>
            <dd>{draft.office ? (locale === 'ar' ? draft.office.nameAr : draft.office.nameEn) : '—'}</dd>
            <dt>{s.feeToPay}</dt>
            <dd>{feeText(draft.fee.amountPiastres, locale)}</dd>
            <dt>{s.expected}</dt>
            <dd>{durationText(def.expectedHours, locale)}</dd>
          </dl>
          {draft.serviceCode === 'skill_certificate' && <ReviewSession app={draft} />}
          <DocumentsAndFee app={draft} def={def} onChange={() => undefined} />
          <BusyButton className="btn btn-primary" busy={busy} onClick={() => void submit()}>
            {s.submit}
          </BusyButton>
        </section>
      ) : (
        <form
          className="form"
          onSubmit={create}
          onChange={(e) => {
            // Fields shown only for some answers (`visibleWhen`, e.g. a short assignment's days) follow the controlling field.
            const t: EventTarget = e.target;
            if ((t instanceof HTMLSelectElement || t instanceof HTMLInputElement) && controlling.has(t.name)) setWatched((w) => ({ ...w, [t.name]: t.value }));
          }}
          noValidate
        >
          {def.routing === 'residence_office' && (
            <SelectField name="officeId" label={s.office} hint={s.officeHint} error={errs.officeId} defaultValue={elig.data.defaultOfficeId ?? ''}>
              {elig.data.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {locale === 'ar' ? o.nameAr : o.nameEn}
                </option>
              ))}
            </SelectField>
          )}
          {def.form
            .filter((f) => applies(f))
            .map((f) => (
              <FormField key={f.key} field={f} error={errs[`answers/${f.key}`]} defaultValue={initial(f.key)} />
            ))}
          {def.fee.exemptions.length > 0 && (
            <SelectField name="exemption" label={locale === 'ar' ? 'إعفاء من الرسم (إن وجد)' : 'Fee exemption (if any)'} hint={locale === 'ar' ? 'يلزم إقرار مستند الإثبات أدناه.' : 'Declare its proof document below.'} error={errs.exemption} defaultValue="" onChange={(e) => setExemption(e.target.value)}>
              <option value="">{locale === 'ar' ? 'لا يوجد' : 'None'}</option>
              {def.fee.exemptions.map((x) => (
                <option key={x.code} value={x.code}>
                  {x.label[locale]}
                </option>
              ))}
            </SelectField>
          )}
          <fieldset>
            <legend>{s.declare}</legend>
            {def.documents.map((d) => (
              <div className="check" key={d.type}>
                <input type="checkbox" id={`doc-${d.type}`} name={`doc-${d.type}`} aria-describedby={errs[`declaredDocuments/${d.type}`] ? `doc-${d.type}-error` : undefined} />
                <label htmlFor={`doc-${d.type}`}>
                  {d.label[locale]} {d.required ? s.required : s.optional}
                </label>
                {errs[`declaredDocuments/${d.type}`] && (
                  <p className="field-error" id={`doc-${d.type}-error`}>
                    {errs[`declaredDocuments/${d.type}`]}
                  </p>
                )}
              </div>
            ))}
          </fieldset>
          <LiveChecks code={def.code} onQuote={setQuote} />
          <div className="card" data-testid="fee-before-submit">
            <p>
              <strong>{s.feeToPay}</strong> {feeUnknown ? s.feeAfterFix : feeText(exemption ? 0 : (quote ?? elig.data).fee.amountPiastres, locale)}
            </p>
            <p>{feeUnknown ? null : exemption ? s.exemptFee(def.fee.exemptions.find((x) => x.code === exemption)?.label[locale] ?? exemption) : (quote ?? elig.data).fee.explanation[locale]}</p>
            <p className="hint">{s.feeBeforeSubmit}</p>
          </div>
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {s.next}
          </BusyButton>
        </form>
      )}
    </>
  );
}

/** Field errors keyed by their pointer without the leading slash (`answers/isco`), plus top-level names. */
function fieldErrorsDeep(error: unknown, locale: 'ar' | 'en'): Record<string, string> {
  const top = fieldErrors(error, locale);
  const out: Record<string, string> = { ...top };
  const problem = (error as { problem?: { errors?: { pointer: string; message: { ar: string; en: string } }[] } } | null)?.problem;
  for (const e of problem?.errors ?? []) out[e.pointer.slice(1)] ??= e.message[locale];
  return out;
}

/** `/my-applications`: the citizen's applications. */
export function MyApplicationsPage() {
  const s = useS();
  const locale = useLocale();
  usePageTitle(s.myTitle);
  const { data, error } = useLoad<ServiceApplication[]>('/api/v1/my/applications');
  return (
    <>
      <h1>{s.myTitle}</h1>
      <ProblemAlert error={error} />
      {data && data.length === 0 && (
        <p>
          {s.none} <Link to="/services">{s.browse}</Link>
        </p>
      )}
      {data && data.length > 0 && (
        <TableWrap label={s.myTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{s.reference}</th>
                <th scope="col">{s.service}</th>
                <th scope="col">{s.status}</th>
                <th scope="col">{s.updated}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/my-applications/${a.id}`}>
                      <bdi dir="ltr">{a.reference}</bdi>
                    </Link>
                  </td>
                  <td>{a.serviceTitle[locale]}</td>
                  <td>{statusLabel(a.status, locale)}</td>
                  <td>{formatDateTime(a.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MyWorkPermits />
    </>
  );
}

/** `/my-applications/:id`: status, expected dates, information request, messages, timeline, certificate. */
export function MyApplicationPage() {
  const { id = '' } = useParams();
  const s = useS();
  const locale = useLocale();
  const { data, error, reload } = useLoad<ServiceApplicationDetail>(`/api/v1/my/applications/${encodeURIComponent(id)}`);
  const def = useLoad<ServiceDefinitionView>(data ? `/api/v1/services/${data.serviceCode}` : null);
  // Whether a paid fee is at stake before withdrawing (it is not refunded automatically).
  const feeStatus = useLoad<ApplicationFeeStatus>(data && data.fee.amountPiastres > 0 ? `/api/v1/applications/${encodeURIComponent(id)}/payment` : null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  // One action at a time (send, answer, message, withdraw): a double click sends one request.
  const { pending, run } = usePending();
  usePageTitle(data ? `${data.serviceTitle[locale]} — ${data.reference}` : s.myTitle);

  const act = (path: string, body: unknown, form?: HTMLFormElement) => run(async () => {
    setActionError(null);
    setNotice('');
    try {
      await post(`/api/v1/my/applications/${id}/${path}`, body);
      form?.reset();
      setNotice(s.done);
      reload();
    } catch (err) {
      setActionError(err);
    }
  });
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <p aria-live="polite">…</p>;
  const errs = fieldErrorsDeep(actionError, locale);
  return (
    <>
      <h1>
        {data.serviceTitle[locale]} —{' '}
        <bdi dir="ltr" className="nowrap">
          {data.reference}
        </bdi>
      </h1>
      <p>
        <Link to="/my-applications">{s.back}</Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ServiceProblem error={actionError} />
      <dl className="facts">
        <dt>{s.status}</dt>
        <dd>
          <strong>{data.document && data.document.status !== 'genuine' ? s.revokedStatus : statusLabel(data.status, locale)}</strong>
        </dd>
        <dt>{s.office_}</dt>
        <dd>{data.office ? (locale === 'ar' ? data.office.nameAr : data.office.nameEn) : '—'}</dd>
        {data.currentStep && (
          <>
            <dt>{s.currentStep}</dt>
            <dd>
              {data.currentStep.title[locale]} — <SlaText app={data} />
            </dd>
          </>
        )}
        <dt>{s.fee}</dt>
        <dd>{feeText(data.fee.amountPiastres, locale)}</dd>
        {data.decisionReason && (
          <>
            <dt>{s.reason}</dt>
            <dd>{data.decisionReason}</dd>
          </>
        )}
      </dl>
      {data.document && (
        <section aria-labelledby="doc-h" className="card">
          <h2 id="doc-h">{s.certificate}</h2>
          {data.document.status !== 'genuine' && (
            <div className="alert alert-warn" role="status" data-testid="document-revoked">
              <p>
                <strong>{s.revokedTitle}</strong>
              </p>
              {data.document.statusChangedAt && <p>{s.revokedWhen(formatDateTime(data.document.statusChangedAt, locale))}</p>}
              {data.document.statusReason && <p>{s.revokedReason(data.document.statusReason)}</p>}
            </div>
          )}
          <dl className="facts">
            <dt>{s.verifyCode}</dt>
            <dd>
              <bdi dir="ltr" data-testid="verification-code">
                {data.document.code}
              </bdi>
            </dd>
            {data.registration && (
              <>
                <dt>{s.registration}</dt>
                <dd>
                  <bdi dir="ltr">{data.registration.number}</bdi>
                </dd>
                <dt>{s.registeredOn}</dt>
                <dd>{formatDate(data.registration.registeredOn, locale)}</dd>
              </>
            )}
          </dl>
          <p className="actions">
            <a className={data.document.status === 'genuine' ? 'btn btn-primary' : 'btn btn-secondary'} href={data.document.pdfUrl} download>
              {data.document.status === 'genuine' ? s.downloadPdf : s.revokedPdf}
            </a>
            <Link to={data.document.verifyUrl}>{s.verifyLink}</Link>
          </p>
        </section>
      )}
      <DocumentsAndFee app={data} def={def.data} onChange={reload} />
      {data.status === 'draft' && (
        <section aria-labelledby="send-h" className="card">
          <h2 id="send-h">{s.submit}</h2>
          <p>{s.draftNotSent}</p>
          <BusyButton className="btn btn-primary" busy={pending} onClick={() => void act('submit', undefined)}>
            {s.submit}
          </BusyButton>
        </section>
      )}
      {data.serviceCode === 'skill_certificate' && data.status !== 'draft' && <SkillTestPanel app={data} staff={false} />}
      {data.expected.length > 0 && (
        <section aria-labelledby="exp-h">
          <h2 id="exp-h">{s.expectedBy}</h2>
          <ul>
            {data.expected.map((e) => (
              <li key={e.step}>
                {e.title[locale]}: {formatDateTime(e.by, locale)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.status === 'info_requested' && (
        <section aria-labelledby="info-h" className="card">
          <h2 id="info-h">{s.infoRequested}</h2>
          <p>{data.infoRequest}</p>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e.currentTarget);
              const answers: Record<string, string> = {};
              for (const f of def.data?.form ?? []) if (f.type !== 'isco' && v[`fix-${f.key}`]) answers[f.key] = v[`fix-${f.key}`]!;
              void act('answer', { message: v.answer ?? '', ...(Object.keys(answers).length ? { answers } : {}) }, e.currentTarget);
            }}
          >
            <div className="field">
              <label htmlFor="f-answer">{s.yourAnswer}</label>
              <textarea id="f-answer" name="answer" required maxLength={2000} rows={3} aria-invalid={errs.message ? true : undefined} aria-describedby={errs.message ? 'f-answer-error' : undefined} />
              {errs.message && (
                <p className="field-error" id="f-answer-error">
                  {errs.message}
                </p>
              )}
            </div>
            {def.data?.form
              .filter((f) => f.type === 'text' || f.type === 'number')
              .map((f) => (
                <Field key={f.key} name={`fix-${f.key}`} label={s.correct(f.label[locale])} error={errs[`answers/${f.key}`]} inputMode={f.type === 'number' ? 'numeric' : undefined} maxLength={f.max ?? 500} />
              ))}
            <BusyButton type="submit" className="btn btn-primary" busy={pending}>
              {s.sendAnswer}
            </BusyButton>
          </form>
        </section>
      )}
      <Messages app={data} />
      {data.status !== 'draft' && (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act('messages', { body: formValues(e.currentTarget).body ?? '' }, e.currentTarget);
          }}
        >
          <div className="field">
            <label htmlFor="f-body">{s.message}</label>
            <textarea id="f-body" name="body" maxLength={2000} rows={2} />
          </div>
          <BusyButton type="submit" className="btn btn-secondary" busy={pending}>
            {s.send}
          </BusyButton>
        </form>
      )}
      <Timeline app={data} />
      {['draft', 'submitted', 'in_review', 'info_requested', 'escalated'].includes(data.status) && (
        <details>
          <summary>{s.withdraw}</summary>
          {feeStatus.data?.status === 'paid' && <p data-testid="withdraw-fee-note">{s.withdrawPaidFee}</p>}
          <BusyButton className="btn btn-secondary" busy={pending} onClick={() => void act('withdraw', {})}>
            {s.withdrawConfirm}
          </BusyButton>
        </details>
      )}
    </>
  );
}
