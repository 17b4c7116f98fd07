import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Directorate, Office, StaffMember } from '@rabt/contracts';
import { fieldErrors, post } from '../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, TableWrap, formValues } from '../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { RequireStaff } from '../ui/RequireStaff.tsx';

export function OfficesPage() {
  const { t } = useTranslation();
  usePageTitle(t('offices.title'));
  return <RequireStaff title={t('offices.title')}>{(staff) => <OfficesView staff={staff} />}</RequireStaff>;
}

function OfficesView({ staff }: { staff: StaffMember }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [params, setParams] = useSearchParams();
  const selected = params.get('directorate');
  const directorates = useLoad<Directorate[]>('/api/v1/directorates');
  const offices = useLoad<Office[]>(selected ? `/api/v1/offices?directorate=${encodeURIComponent(selected)}` : '/api/v1/offices');
  const name = (x: { nameAr: string; nameEn: string }) => (locale === 'ar' ? x.nameAr : x.nameEn);
  const selectedDir = directorates.data?.find((d) => d.governorateCode === selected);
  const officesHeading = selectedDir ? t('offices.officesIn', { name: name(selectedDir) }) : t('offices.allOffices');

  return (
    <>
      <h1>{t('offices.title')}</h1>
      <section aria-labelledby="dir-title">
        <h2 id="dir-title">{t('offices.directorates')}</h2>
        <ProblemAlert error={directorates.error} />
        {directorates.loading && <p>{t('common.loading')}</p>}
        {directorates.data && (
          <TableWrap label={t('offices.directorates')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('offices.code')}</th>
                  <th scope="col">{t('offices.name')}</th>
                  <th scope="col">{t('offices.officeCount')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {directorates.data.map((d) => (
                  <tr key={d.governorateCode}>
                    <td>
                      <bdi dir="ltr">{d.governorateCode}</bdi>
                    </td>
                    <th scope="row">{name(d)}</th>
                    <td>{d.officeCount}</td>
                    <td>
                      <button type="button" className="link-button" aria-pressed={selected === d.governorateCode} onClick={() => setParams({ directorate: d.governorateCode })}>
                        {t('offices.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="off-title">
        <h2 id="off-title">{officesHeading}</h2>
        {selected && (
          <p>
            <button type="button" className="link-button" onClick={() => setParams({})}>
              {t('offices.allOffices')}
            </button>
          </p>
        )}
        <ProblemAlert error={offices.error} />
        {offices.loading && <p>{t('common.loading')}</p>}
        {offices.data && offices.data.length === 0 && <p>{t('offices.none')}</p>}
        {offices.data && offices.data.length > 0 && <OfficeTable offices={offices.data} label={officesHeading} />}
      </section>
      {staff.role === 'hq_admin' && directorates.data && <CreateOffice directorates={directorates.data} onCreated={offices.reload} />}
    </>
  );
}

function OfficeTable({ offices, label }: { offices: Office[]; label: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <TableWrap label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('offices.code')}</th>
            <th scope="col">{t('offices.name')}</th>
            <th scope="col">{t('offices.seat')}</th>
            <th scope="col">{t('offices.status')}</th>
          </tr>
        </thead>
        <tbody>
          {offices.map((o) => (
            <tr key={o.id}>
              <td>
                <bdi dir="ltr">{o.code}</bdi>
              </td>
              <th scope="row">
                <Link to={`/staff/offices/${o.id}`}>{locale === 'ar' ? o.nameAr : o.nameEn}</Link>
              </th>
              <td>{locale === 'ar' ? o.seatAr : o.seatEn}</td>
              <td>{o.active ? t('common.active') : t('common.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CreateOffice({ directorates, onCreated }: { directorates: Directorate[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Office | null>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const office = await post<Office>('/api/v1/offices', {
        code: v.code ?? '',
        directorateCode: v.directorateCode ?? '',
        nameAr: v.nameAr ?? '',
        nameEn: v.nameEn ?? '',
        seatAr: v.seatAr ?? '',
        seatEn: v.seatEn ?? '',
      });
      setCreated(office);
      form.reset();
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-office-title">
      <h2 id="create-office-title">{t('offices.createTitle')}</h2>
      {created && (
        <Notice>
          {t('offices.created', { name: locale === 'ar' ? created.nameAr : created.nameEn })} <Link to={`/staff/offices/${created.id}`}>{t('offices.open')}</Link>
        </Notice>
      )}
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field idPrefix="new-office" name="code" label={t('offices.code')} hint={t('offices.codeHint')} error={errs.code} dir="ltr" autoComplete="off" required />
        <SelectField idPrefix="new-office" name="directorateCode" label={t('offices.directorate')} error={errs.directorateCode} required defaultValue="">
          <option value="" disabled>
            {t('people.choose')}
          </option>
          {directorates.map((d) => (
            <option key={d.governorateCode} value={d.governorateCode}>
              {locale === 'ar' ? d.nameAr : d.nameEn}
            </option>
          ))}
        </SelectField>
        <Field idPrefix="new-office" name="nameAr" label={t('offices.nameAr')} error={errs.nameAr} lang="ar" dir="rtl" autoComplete="off" required />
        <Field idPrefix="new-office" name="nameEn" label={t('offices.nameEn')} error={errs.nameEn} lang="en" dir="ltr" autoComplete="off" required />
        <Field idPrefix="new-office" name="seatAr" label={t('offices.seatAr')} error={errs.seatAr} lang="ar" dir="rtl" autoComplete="off" required />
        <Field idPrefix="new-office" name="seatEn" label={t('offices.seatEn')} error={errs.seatEn} lang="en" dir="ltr" autoComplete="off" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('offices.create')}
        </button>
      </form>
    </section>
  );
}
