import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Occupation, OfficeChoice, SkillTestView, OfficeQueuePage as QueuePageData, ServiceApplicationDetail, ServiceDefinitionView, ServiceSummary, StaffMember } from '@rabt/contracts';
import { toArabicDigits } from '@rabt/contracts/text';
import { post } from '../../api/client.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { BusyButton, Field, formValues, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle, usePending } from '../../ui/hooks.ts';
import { digits, LatenessFacts, Messages, ServiceProblem, SlaText, statusLabel, Timeline, useS } from './common.tsx';
import { OfficeDocumentsAndFee } from './DocumentsFee.tsx';
import { SkillTestPanel, sessionWhen } from './More.tsx';

const QUEUE_ROLES = ['clerk', 'office_head', 'directorate_manager', 'hq_admin', 'auditor'] as const;
const STATUSES = ['open', 'submitted', 'in_review', 'info_requested', 'escalated', 'issued', 'rejected', 'withdrawn'] as const;

/** `/office/queue`: the office's applications, oldest due first, with filters and the SLA clock in words. */
export function OfficeQueuePage() {
  const s = useS();
  usePageTitle(s.queueTitle);
  return (
    <RequireStaff roles={QUEUE_ROLES} title={s.queueTitle}>
      {() => <Queue />}
    </RequireStaff>
  );
}

function Queue() {
  const s = useS();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const query = new URLSearchParams();
  for (const k of ['status', 'service', 'breached'] as const) {
    const v = params.get(k);
    if (v) query.set(k, v);
  }
  query.set('page', String(page));
  const { data, error } = useLoad<QueuePageData>(`/api/v1/office/applications?${query.toString()}`);
  const services = useLoad<ServiceSummary[]>('/api/v1/services');
  // Set by the case page after a transfer (the case has left this office; its page is out of scope now).
  const transferred = (useLocation().state as { notice?: string } | null)?.notice;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of ['status', 'service', 'breached'] as const) if (v[k]) next.set(k, v[k]);
    setParams(next);
  }
  const go = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
  };
  return (
    <>
      <h1>{s.queueTitle}</h1>
      {transferred && <Notice>{transferred}</Notice>}
      <p>
        <Link to="/office/work-permits">{locale === 'ar' ? 'تصاريح عمل العمال الأجانب' : 'Work permits for foreign workers'}</Link>
      </p>
      <form className="form" onSubmit={apply} aria-label={s.filters}>
        <SelectField name="status" label={s.status} defaultValue={params.get('status') ?? 'open'}>
          {STATUSES.map((st) => (
            <option key={st} value={st}>
              {st === 'open' ? s.allOpen : statusLabel(st, locale, 'staff')}
            </option>
          ))}
        </SelectField>
        <SelectField name="service" label={s.service} defaultValue={params.get('service') ?? ''}>
          <option value="">{s.allServices}</option>
          {services.data?.map((svc) => (
            <option key={svc.code} value={svc.code}>
              {svc.title[locale]}
            </option>
          ))}
        </SelectField>
        <SelectField name="breached" label={s.sla} defaultValue={params.get('breached') ?? ''}>
          <option value="">{s.any}</option>
          <option value="true">{s.breachedOnly}</option>
          <option value="false">{s.onTime}</option>
        </SelectField>
        <button type="submit" className="btn btn-secondary">
          {s.apply_}
        </button>
      </form>
      <ProblemAlert error={error} />
      {data && (
        <>
          <p className="result-count" aria-live="polite">
            {s.total(digits(data.total, locale))} — {s.page(digits(data.page, locale), digits(pages, locale))}
          </p>
          <TableWrap label={s.queueTitle}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.reference}</th>
                  <th scope="col">{s.service}</th>
                  <th scope="col">{s.applicant}</th>
                  <th scope="col">{s.status}</th>
                  <th scope="col">{s.due}</th>
                  <th scope="col">{s.assigned}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/office/applications/${a.id}`}>
                        <bdi dir="ltr">{a.reference}</bdi>
                      </Link>
                    </td>
                    <td>{a.serviceTitle[locale]}</td>
                    <td>{a.applicantName ? (locale === 'ar' ? a.applicantName.nameAr : a.applicantName.nameLatin) : '—'}</td>
                    <td>{statusLabel(a.status, locale, 'staff')}</td>
                    <td>
                      <SlaText app={a} />
                    </td>
                    <td>{a.assignedTo ? (locale === 'ar' ? a.assignedTo.nameAr : a.assignedTo.nameEn) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="actions">
            <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
              {s.prev}
            </button>
            <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => go(page + 1)}>
              {s.nextPage}
            </button>
          </p>
        </>
      )}
    </>
  );
}

/** An ISCO-08 code with its title in the page's language (the reference API). */
function OccupationName({ code }: { code: string }) {
  const locale = useLocale();
  const { data } = useLoad<Occupation>(/^\d{4}$/.test(code) ? `/api/v1/occupations/${code}` : null);
  return (
    <>
      {data ? `${locale === 'ar' ? data.titleAr : data.titleEn} — ` : ''}
      {locale === 'ar' ? <bdi>رمز المهنة {toArabicDigits(code)}</bdi> : <bdi dir="ltr">ISCO-08 {code}</bdi>}
    </>
  );
}

/** The booked skill-test session in words (date, centre) instead of its internal id. */
function SessionName({ appId }: { appId: string }) {
  const locale = useLocale();
  const { data } = useLoad<SkillTestView>(`/api/v1/office/applications/${appId}/skill-test`);
  if (!data) return <>—</>;
  return (
    <>
      {sessionWhen(data.session, locale)} — {locale === 'ar' ? data.session.centre.nameAr : data.session.centre.nameEn}
    </>
  );
}

/** `/office/applications/:id`: one case with every action the caller may take. */
export function OfficeApplicationPage() {
  const s = useS();
  usePageTitle(s.queueTitle);
  return (
    <RequireStaff roles={QUEUE_ROLES} title={s.queueTitle}>
      {(staff) => <Case staff={staff} />}
    </RequireStaff>
  );
}

/** One action's form; its button is disabled while any action of the page runs (`busy`). */
function ActionForm({ title, id, children, submit, busy, onSubmit }: { title: string; id: string; children?: ReactNode; submit: string; busy: boolean; onSubmit: (values: Record<string, string>, form: HTMLFormElement) => void }) {
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h3 id={`${id}-h`}>{title}</h3>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(formValues(e.currentTarget), e.currentTarget);
        }}
      >
        {children}
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {submit}
        </BusyButton>
      </form>
    </section>
  );
}

function TextArea({ name, label, error, required }: { name: string; label: string; error?: string | undefined; required?: boolean }) {
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={3} maxLength={2000} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function Case({ staff }: { staff: StaffMember }) {
  const { id = '' } = useParams();
  const s = useS();
  const locale = useLocale();
  const { data, error, reload } = useLoad<ServiceApplicationDetail>(`/api/v1/office/applications/${encodeURIComponent(id)}`);
  const def = useLoad<ServiceDefinitionView>(data ? `/api/v1/services/${data.serviceCode}` : null);
  const offices = useLoad<OfficeChoice[]>(data?.allowedActions.includes('transfer') ? '/api/v1/office/transfer-targets' : null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const { pending, run } = usePending();
  const navigate = useNavigate();
  // At a skill test's examination step approval needs the results (the API refuses 409 `skill_results_missing` without them).
  const examining = data?.serviceCode === 'skill_certificate' && data.currentStep?.key === 'examination';
  const skill = useLoad<SkillTestView>(examining ? `/api/v1/office/applications/${encodeURIComponent(id)}/skill-test` : null);
  const approveBlocked = !examining ? null : !skill.data ? '' : skill.data.resultsAt === null ? s.approveNeedsResults : skill.data.grade === null ? s.approveNotPassed : null;

  const act = (path: string, body: unknown, form?: HTMLFormElement) => run(async () => {
    setActionError(null);
    setNotice('');
    setErrs({});
    try {
      const after = await post<ServiceApplicationDetail>(`/api/v1/office/applications/${id}/${path}`, body);
      if (path === 'transfer') {
        // The case now belongs to the target office, usually outside the caller's scope: back to the queue.
        const to = after.office ? (locale === 'ar' ? after.office.nameAr : after.office.nameEn) : '';
        void navigate('/office/queue', { state: { notice: s.transferredTo(data?.reference ?? '', to) } });
        return;
      }
      form?.reset();
      setNotice(s.done);
      reload();
    } catch (err) {
      setActionError(err);
      const problem = (err as { problem?: { errors?: { pointer: string; message: { ar: string; en: string } }[] } }).problem;
      const out: Record<string, string> = {};
      for (const e of problem?.errors ?? []) out[`${path}:${e.pointer.slice(1)}`] ??= e.message[locale];
      setErrs(out);
    }
  });
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <p aria-live="polite">…</p>;
  const can = (a: string) => data.allowedActions.includes(a);
  const answerLabel = (key: string) => def.data?.form.find((f) => f.key === key)?.label[locale] ?? key;
  const answerValue = (key: string, v: unknown): ReactNode => {
    const f = def.data?.form.find((x) => x.key === key);
    const opt = f?.options?.find((o) => o.value === v);
    if (opt) return opt.label[locale];
    if (f?.type === 'isco' && typeof v === 'string') return <OccupationName code={v} />;
    if (f?.type === 'test_session') return <SessionName appId={data.id} />;
    if (typeof v === 'number') return digits(v, locale);
    return typeof v === 'string' ? <bdi>{v}</bdi> : '—';
  };
  // In the order of the service's form (the stored JSON has its own key order), then anything else.
  const formKeys = def.data?.form.map((f) => f.key) ?? [];
  const answerKeys = [...formKeys.filter((k) => k in data.answers), ...Object.keys(data.answers).filter((k) => !formKeys.includes(k))];
  return (
    <>
      <h1>
        {data.serviceTitle[locale]} —{' '}
        <bdi dir="ltr" className="nowrap">
          {data.reference}
        </bdi>
      </h1>
      <p>
        <Link to="/office/queue">{s.back}</Link>
      </p>
      {notice && <Notice>{notice}</Notice>}
      <ServiceProblem error={actionError} />
      <dl className="facts">
        <dt>{s.applicant}</dt>
        <dd>{data.applicant ? `${data.applicant.nameAr} — ${data.applicant.nameLatin}` : '—'}</dd>
        <dt>{s.status}</dt>
        <dd>
          <strong>{statusLabel(data.status, locale, 'staff')}</strong>
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
        <dt>{s.assigned}</dt>
        <dd>{data.assignedTo ? (locale === 'ar' ? data.assignedTo.nameAr : data.assignedTo.nameEn) : '—'}</dd>
        <LatenessFacts app={data} />
        {data.document && (
          <>
            <dt>{s.verifyCode}</dt>
            <dd>
              <Link to={data.document.verifyUrl}>
                <bdi dir="ltr">{data.document.code}</bdi>
              </Link>
            </dd>
          </>
        )}
        {data.decisionReason && (
          <>
            <dt>{s.reason}</dt>
            <dd>{data.decisionReason}</dd>
          </>
        )}
      </dl>
      {data.serviceCode === 'skill_certificate' && <SkillTestPanel key={data.updatedAt} app={data} staff onSaved={skill.reload} />}
      <section aria-labelledby="answers-h">
        <h2 id="answers-h">{s.answers}</h2>
        <dl className="facts">
          {answerKeys.map((k) => (
            <Fragment key={k}>
              <dt>{answerLabel(k)}</dt>
              <dd>{answerValue(k, data.answers[k])}</dd>
            </Fragment>
          ))}
        </dl>
        <h3>{s.declared}</h3>
        <ul>
          {data.declaredDocuments.map((d) => (
            <li key={d}>{def.data?.documents.find((x) => x.type === d)?.label[locale] ?? d}</li>
          ))}
        </ul>
      </section>
      <OfficeDocumentsAndFee key={`docs-${data.updatedAt}`} app={data} def={def.data} canRecordCash={staff.role === 'clerk' || staff.role === 'office_head'} onChange={reload} />
      <section aria-labelledby="actions-h">
        <h2 id="actions-h">{s.actions}</h2>
        {data.allowedActions.length === 0 && <p>{s.notAllowed}</p>}
        {can('assign') && (
          <ActionForm title={s.assign} id="assign" busy={pending} submit={s.assign} onSubmit={(v, f) => void act('assign', v.staffId ? { staffId: v.staffId } : {}, f)}>
            <SelectField name="staffId" label={s.assignTo} defaultValue="">
              <option value="">{s.assignMe}</option>
              {data.assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {locale === 'ar' ? a.nameAr : a.nameEn}
                </option>
              ))}
            </SelectField>
          </ActionForm>
        )}
        {can('request_info') && (
          <ActionForm title={s.requestInfo} id="info" busy={pending} submit={s.requestInfo} onSubmit={(v, f) => void act('request-info', { message: v.infoMessage ?? '' }, f)}>
            <TextArea name="infoMessage" label={s.message} required error={errs['request-info:message']} />
          </ActionForm>
        )}
        {can('approve') && approveBlocked !== null && (
          <section aria-labelledby="approve-h" className="card" id="approve-blocked">
            <h3 id="approve-h">{s.approve}</h3>
            <p>{approveBlocked || '…'}</p>
          </section>
        )}
        {can('approve') && approveBlocked === null && (
          <ActionForm title={s.approve} id="approve" busy={pending} submit={s.approve} onSubmit={(v, f) => void act('approve', v.approveNote ? { note: v.approveNote } : {}, f)}>
            <Field name="approveNote" label={s.approveNote} maxLength={2000} />
          </ActionForm>
        )}
        {can('reject') && (
          <ActionForm title={s.reject} id="reject" busy={pending} submit={s.reject} onSubmit={(v, f) => void act('reject', { reason: v.rejectReason ?? '' }, f)}>
            <TextArea name="rejectReason" label={s.rejectReason} required error={errs['reject:reason']} />
          </ActionForm>
        )}
        {can('escalate') && (
          <ActionForm title={s.escalate} id="escalate" busy={pending} submit={s.escalate} onSubmit={(v, f) => void act('escalate', { note: v.escalateNote ?? '' }, f)}>
            <TextArea name="escalateNote" label={s.escalateNote} required error={errs['escalate:note']} />
          </ActionForm>
        )}
        {can('transfer') && (
          <ActionForm title={s.transfer} id="transfer" busy={pending} submit={s.transfer} onSubmit={(v, f) => void act('transfer', { officeId: v.officeId ?? '', note: v.transferNote ?? '' }, f)}>
            <SelectField name="officeId" label={s.transferTo} defaultValue="" error={errs['transfer:officeId']}>
              <option value="">—</option>
              {offices.data
                ?.filter((o) => o.id !== data.office?.id)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {locale === 'ar' ? o.nameAr : o.nameEn}
                  </option>
                ))}
            </SelectField>
            <TextArea name="transferNote" label={s.transferNote} required error={errs['transfer:note']} />
          </ActionForm>
        )}
        {can('message') && (
          <ActionForm title={s.message} id="message" busy={pending} submit={s.send} onSubmit={(v, f) => void act('messages', { body: v.messageBody ?? '' }, f)}>
            <TextArea name="messageBody" label={s.message} error={errs['messages:body']} />
          </ActionForm>
        )}
      </section>
      <Messages app={data} />
      <Timeline app={data} />
    </>
  );
}
