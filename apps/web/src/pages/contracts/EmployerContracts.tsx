import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EmployerContract, TermDiff } from '@rabt/contracts';
import { api, fieldErrors, post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { EmployerNav, RequireEmployer } from '../employer/common.tsx';
import { ChecksList, DiffList, History, ReasonAction, StatusText, TermsView, contractTitle, formatDateTime, useCurrencyDigits } from './common.tsx';
import { TermsFields, stateFromTerms, toDraftInput, type TermsState } from './TermsForm.tsx';

/** The employer's contracts on a partner node: every version, newest first. */
export function EmployerContractsPage() {
  const { t } = useTranslation();
  usePageTitle(t('contracts.employerTitle'));
  return (
    <RequireEmployer title={t('contracts.employerTitle')}>
      {() => (
        <>
          <h1>{t('contracts.employerTitle')}</h1>
          <EmployerNav />
          <List />
        </>
      )}
    </RequireEmployer>
  );
}

function List() {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useLoad<EmployerContract[]>('/api/v1/employer/contracts');
  return (
    <>
      <ProblemAlert error={list.error} />
      <p>{t('contracts.employerIntro')}</p>
      {list.data?.length === 0 && <p>{t('contracts.noContracts')}</p>}
      {list.data && list.data.length > 0 && (
        <TableWrap label={t('contracts.employerTitle')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('contracts.fields.title')}</th>
                <th scope="col">{t('contracts.fields.worker')}</th>
                <th scope="col">{t('contracts.version')}</th>
                <th scope="col">{t('contracts.status')}</th>
                <th scope="col">{t('contracts.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={`${c.id}-${c.version}`}>
                  <td>
                    <Link to={`/employer/contracts/${c.id}/${c.version}`}>{contractTitle(c.terms, locale)}</Link>
                  </td>
                  <td>{locale === 'ar' ? c.terms.worker.nameAr : c.terms.worker.nameLatin || c.terms.worker.nameAr}</td>
                  <td>{c.version}</td>
                  <td>
                    <StatusText status={c.status} />
                  </td>
                  <td>{formatDateTime(c.updatedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/** One version: the edit form and live checks for a draft; otherwise the terms, timeline and actions. */
export function EmployerContractPage() {
  const { t } = useTranslation();
  const { id = '', version = '1' } = useParams();
  const title = t('contracts.employerDetailTitle', { version });
  usePageTitle(title);
  const c = useLoad<EmployerContract>(`/api/v1/employer/contracts/${id}/versions/${version}`);
  return (
    <RequireEmployer title={title}>
      {() => (
        <>
          <h1>{title}</h1>
          <EmployerNav />
          <p>
            <Link to="/employer/contracts">{t('contracts.backToList')}</Link>
          </p>
          <ProblemAlert error={c.error} />
          {c.data ? c.data.status === 'draft' ? <Draft key={c.data.updatedAt} contract={c.data} onChange={c.reload} /> : <Issued contract={c.data} onChange={c.reload} /> : !c.error && <p>{t('common.loading')}</p>}
        </>
      )}
    </RequireEmployer>
  );
}

function useTermsState(contract: EmployerContract) {
  const digits = useCurrencyDigits();
  const currency = contract.terms.wage.currency;
  const [state, setState] = useState<TermsState>(() => stateFromTerms(contract.terms, digits(currency), contract.templateClauseCount));
  return { state, setState, currency, digits: digits(currency) };
}

function Draft({ contract, onChange }: { contract: EmployerContract; onChange: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state, setState, currency, digits } = useTermsState(contract);
  const [checks, setChecks] = useState(contract.checks);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const path = `/api/v1/employer/contracts/${contract.id}/versions/${contract.version}`;

  async function save(): Promise<void> {
    const updated = await api<EmployerContract>('PUT', path, toDraftInput(state, currency, digits));
    setChecks(updated.checks);
  }

  async function run(e: FormEvent<HTMLFormElement>, submit: boolean) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await save();
      if (submit) {
        // A 422 contract_checks_failed lands in the alert; the checks list says why and the form stays as typed.
        await post(`${path}/submit`);
        onChange();
      } else setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        <StatusText status={contract.status} /> · {contractTitle(contract.terms, locale)} · {locale === 'ar' ? contract.terms.worker.nameAr : contract.terms.worker.nameLatin}
      </p>
      <p>{t('contracts.draftIntro')}</p>
      <form className="form form-wide" noValidate onSubmit={(e) => void run(e, e.nativeEvent.submitter?.getAttribute('value') === 'submit')}>
        <ProblemAlert error={error} />
        {saved && <Notice>{t('contracts.savedChecked')}</Notice>}
        <TermsFields value={state} onChange={setState} currency={currency} country={contract.terms.destinationCountry} errs={fieldErrors(error, locale)} />
        <ChecksList checks={checks} />
        <div className="actions">
          <button className="btn btn-secondary" type="submit" name="action" value="save" disabled={busy}>
            {t('contracts.saveCheck')}
          </button>
          <button className="btn btn-primary" type="submit" name="action" value="submit" disabled={busy}>
            {t('contracts.submit')}
          </button>
        </div>
        <p className="hint">{t('contracts.submitHint')}</p>
      </form>
      <details>
        <summary>{t('contracts.previewAll')}</summary>
        <TermsView terms={contract.terms} cityAr={contract.workplaceCityAr} lang={locale} />
      </details>
    </>
  );
}

function Issued({ contract, onChange }: { contract: EmployerContract; onChange: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/employer/contracts/${contract.id}`;
  const s = contract.status;
  const amendable = ['concluded', 'amendment_requested', 'rejected', 'checks_failed'].includes(s);
  const pending = ['submitted', 'received', 'awaiting_attestation', 'offered'].includes(s);

  async function act(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ProblemAlert error={error} />
      <dl className="facts terms-facts">
        <dt>{t('contracts.status')}</dt>
        <dd>
          <StatusText status={s} />
        </dd>
        {contract.statusReason && (
          <>
            <dt>{t('contracts.reason')}</dt>
            <dd>{contract.statusReason}</dd>
          </>
        )}
        {contract.verificationCode && (
          <>
            <dt>{t('contracts.code')}</dt>
            <dd>
              <bdi dir="ltr" className="reference">
                {contract.verificationCode}
              </bdi>{' '}
              · <Link to={`/verify/${contract.verificationCode}`}>{t('contracts.checkCode')}</Link>
            </dd>
          </>
        )}
      </dl>
      <div className="actions">
        {amendable && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act(async () => {
            const next = await post<EmployerContract>(`${base}/amendments`);
            await navigate(`/employer/contracts/${next.id}/${next.version}`);
          })}>
            {t('contracts.amend')}
          </button>
        )}
        {(pending || s === 'concluded') && (
          <ReasonAction
            id="cancel"
            busy={busy}
            label={s === 'concluded' ? t('contracts.cancel') : t('contracts.withdraw')}
            confirmLabel={s === 'concluded' ? t('contracts.confirmCancel') : t('contracts.confirmWithdraw')}
            onSubmit={(reason) => act(async () => {
              await post(`${base}/versions/${contract.version}/cancel`, { reason });
              onChange();
            })}
          />
        )}
      </div>
      {s === 'concluded' && <RegisterAtDestination contract={contract} />}
      <ChecksList checks={contract.checks} />
      <History history={contract.history} />
      <section aria-labelledby="terms-title">
        <h2 id="terms-title">{t('contracts.termsTitle')}</h2>
        <TermsView terms={contract.terms} cityAr={contract.workplaceCityAr} lang={locale} headingLevel={3} />
      </section>
    </>
  );
}

/** Report the contract's registration with the destination authority (Qiwa, MOHRE …); shows the differences EG will see. */
function RegisterAtDestination({ contract }: { contract: EmployerContract }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state, setState, currency, digits } = useTermsState(contract);
  const [open, setOpen] = useState(false);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [diff, setDiff] = useState<TermDiff[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ contract: EmployerContract; diff: TermDiff[] }>(`/api/v1/employer/contracts/${contract.id}/versions/${contract.version}/destination-registration`, {
        terms: toDraftInput(state, currency, digits),
        destinationReference: reference.trim(),
      });
      setDiff(r.diff);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="dest-title" className="card">
      <h2 id="dest-title">{t('contracts.destTitle')}</h2>
      <p>{t('contracts.destIntro')}</p>
      {diff && (diff.length === 0 ? <Notice>{t('contracts.destSame')}</Notice> : (
        <div className="alert alert-warn" role="status">
          <p>{t('contracts.destDiffers')}</p>
          <DiffList diff={diff} currency={currency} />
        </div>
      ))}
      {!open ? (
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {t('contracts.destOpen')}
        </button>
      ) : (
        <form className="form form-wide" noValidate onSubmit={(e) => void submit(e)}>
          <ProblemAlert error={error} />
          <Field idPrefix="d" name="destinationReference" label={t('contracts.fields.destinationReference')} value={reference} onChange={(e) => setReference(e.target.value)} dir="ltr" required maxLength={60} error={fieldErrors(error, locale).destinationReference} />
          <TermsFields idPrefix="d" value={state} onChange={setState} currency={currency} country={contract.terms.destinationCountry} errs={fieldErrors(error, locale)} />
          <button className="btn btn-primary" type="submit" disabled={busy}>
            {t('contracts.destSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
