import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { normalizeDigits, type Agency, type AgencyDetail, type AgencyPage } from '@rabt/contracts';
import { post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, formValues } from '../../ui/forms.tsx';
import { formatDate, useFormAction, useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { AGENCY_GOVERNORATES, LicenceStatusBadge, agencyName, governorateName, toMinorUnits } from './common.tsx';

const HQ = ['hq_admin'] as const;
const LEGAL_FORMS = ['jsc', 'partnership_limited_by_shares', 'llc', 'one_person_company'] as const;
const SCOPES = ['domestic', 'abroad', 'both'] as const;
const STATUSES = ['valid', 'suspended', 'revoked'] as const;

/** HQ administrators: register licences (Art. 41 capital checked by the API) and change their status with a published reason. */
export function StaffAgenciesPage() {
  const { t } = useTranslation();
  usePageTitle(t('agencies.staff.title'));
  return (
    <RequireStaff roles={HQ} title={t('agencies.staff.title')}>
      {() => <StaffAgencies />}
    </RequireStaff>
  );
}

function StaffAgencies() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useLoad<AgencyPage>(`/api/v1/agencies?pageSize=100${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  const [notice, setNotice] = useState('');

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setQ((formValues(e.currentTarget).q ?? '').trim());
  }

  return (
    <>
      <h1>{t('agencies.staff.title')}</h1>
      <p>{t('agencies.staff.intro')}</p>
      {notice && <Notice>{notice}</Notice>}
      <CreateAgency
        onCreated={(a) => {
          setNotice(t('agencies.staff.created', { licence: a.licenceNumber }));
          list.reload();
        }}
      />
      <section aria-labelledby="licences-title">
        <h2 id="licences-title">{t('agencies.staff.listTitle')}</h2>
        <form className="form" role="search" onSubmit={filter} aria-label={t('agencies.staff.filterLabel')}>
          <Field name="q" idPrefix="filter" type="search" label={t('agencies.staff.filterLabel')} maxLength={100} />
          <button type="submit" className="btn btn-secondary">
            {t('agencies.searchButton')}
          </button>
        </form>
        <ProblemAlert error={list.error} />
        {list.data && <p className="result-count">{t('agencies.resultCount', { count: list.data.total })}</p>}
        <ul className="plain-list">
          {list.data?.items.map((a) => (
            <li key={a.licenceNumber}>
              <LicenceCard
                agency={a}
                onChanged={(d) => {
                  setNotice(t('agencies.staff.statusChanged', { licence: d.licenceNumber }));
                  list.reload();
                }}
              />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function LicenceCard({ agency: a, onChanged }: { agency: Agency; onChanged: (a: AgencyDetail) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = a.licenceNumber;
  const change = useFormAction(async (v) => {
    onChanged(await post<AgencyDetail>(`/api/v1/agencies/${id}/status`, { status: v.status ?? '', reason: v.reason ?? '' }));
  });
  return (
    <article className="card" aria-labelledby={`lic-${id}`}>
      <h3 id={`lic-${id}`}>
        <Link to={`/agencies/${id}`}>{agencyName(a, locale)}</Link>
      </h3>
      <p>
        <bdi dir="ltr">{id}</bdi> · <LicenceStatusBadge agency={a} /> · {governorateName(a.governorateCode, locale)} · {t('agencies.expiresOnShort', { date: formatDate(a.licenceExpiresOn, locale) })}
      </p>
      {a.statusReason && (
        <p className="small">
          {t('agencies.statusReason')}: {a.statusReason}
        </p>
      )}
      {a.status === 'revoked' ? (
        <p className="small">{t('agencies.staff.revokedFinal')}</p>
      ) : (
        <details>
          <summary>{t('agencies.staff.changeStatus')}</summary>
          <form className="form" onSubmit={change.onSubmit} noValidate>
            <ProblemAlert error={change.error} />
            <SelectField name="status" idPrefix={`st-${id}`} label={t('agencies.staff.newStatus')} error={change.errs.status} defaultValue={a.status === 'valid' ? 'suspended' : 'valid'}>
              {STATUSES.filter((s) => s !== a.status).map((s) => (
                <option key={s} value={s}>
                  {t(`agencies.statuses.${s}`)}
                </option>
              ))}
            </SelectField>
            <Field name="reason" idPrefix={`st-${id}`} label={t('agencies.staff.reason')} error={change.errs.reason} maxLength={1000} required />
            <button type="submit" className="btn btn-primary" disabled={change.busy}>
              {t('agencies.staff.apply')}
            </button>
          </form>
        </details>
      )}
    </article>
  );
}

function CreateAgency({ onCreated }: { onCreated: (a: AgencyDetail) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [formKey, setFormKey] = useState(0);
  const { error, busy, errs, onSubmit } = useFormAction(async (v) => {
    const capital = (v.capitalEgp ?? '').trim();
    const created = await post<AgencyDetail>('/api/v1/agencies', {
      licenceNumber: v.licenceNumber ?? '',
      nameAr: v.nameAr ?? '',
      nameEn: v.nameEn ?? '',
      legalForm: v.legalForm ?? '',
      scope: v.scope ?? '',
      paidInCapitalPiastres: capital ? toMinorUnits(capital, 100) : '',
      governorateCode: v.governorateCode ?? '',
      address: v.address ?? '',
      phone: normalizeDigits(v.phone ?? ''),
      licenceIssuedOn: v.licenceIssuedOn ?? '',
      licenceExpiresOn: v.licenceExpiresOn ?? '',
    });
    setFormKey((k) => k + 1);
    onCreated(created);
  });
  return (
    <section aria-labelledby="create-agency-title">
      <h2 id="create-agency-title">{t('agencies.staff.createTitle')}</h2>
      <form key={formKey} className="form" onSubmit={onSubmit} noValidate>
        <ProblemAlert error={error} />
        <Field name="licenceNumber" idPrefix="new-agency" dir="ltr" label={t('agencies.licenceNumber')} hint={t('agencies.searchHint')} error={errs.licenceNumber} maxLength={40} required autoComplete="off" />
        <Field name="nameAr" idPrefix="new-agency" label={t('agencies.staff.nameAr')} error={errs.nameAr} maxLength={200} required />
        <Field name="nameEn" idPrefix="new-agency" dir="ltr" lang="en" label={t('agencies.staff.nameEn')} error={errs.nameEn} maxLength={200} required />
        <SelectField name="legalForm" idPrefix="new-agency" label={t('agencies.legalForm')} error={errs.legalForm} defaultValue="llc">
          {LEGAL_FORMS.map((f) => (
            <option key={f} value={f}>
              {t(`agencies.legalForms.${f}`)}
            </option>
          ))}
        </SelectField>
        <SelectField name="scope" idPrefix="new-agency" label={t('agencies.scope')} error={errs.scope} defaultValue="abroad">
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`agencies.scopes.${s}`)}
            </option>
          ))}
        </SelectField>
        <Field name="capitalEgp" idPrefix="new-agency" inputMode="numeric" label={t('agencies.staff.capitalEgp')} hint={t('agencies.staff.capitalHint')} error={errs.paidInCapitalPiastres} maxLength={20} required autoComplete="off" />
        <SelectField name="governorateCode" idPrefix="new-agency" label={t('agencies.governorate')} error={errs.governorateCode} defaultValue="">
          <option value="">{t('agencies.staff.chooseGovernorate')}</option>
          {AGENCY_GOVERNORATES.map((g) => (
            <option key={g.code} value={g.code}>
              {g[locale]}
            </option>
          ))}
        </SelectField>
        <Field name="address" idPrefix="new-agency" label={t('agencies.address')} error={errs.address} maxLength={300} required />
        <Field name="phone" idPrefix="new-agency" type="tel" inputMode="tel" dir="ltr" label={t('agencies.phone')} error={errs.phone} maxLength={40} required />
        <Field name="licenceIssuedOn" idPrefix="new-agency" type="date" label={t('agencies.issuedOn')} error={errs.licenceIssuedOn} required />
        <Field name="licenceExpiresOn" idPrefix="new-agency" type="date" label={t('agencies.expiresOn')} error={errs.licenceExpiresOn} required />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('agencies.staff.create')}
        </button>
      </form>
    </section>
  );
}
