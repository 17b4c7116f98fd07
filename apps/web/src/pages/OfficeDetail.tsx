import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Office, StaffMember } from '@rabt/contracts';
import { fieldErrors, patch } from '../api/client.ts';
import { Field, Notice, ProblemAlert, TableWrap, formValues } from '../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { RequireStaff } from '../ui/RequireStaff.tsx';
import { CAN_LIST_STAFF } from '../ui/roles.ts';

export function OfficeDetailPage() {
  const { t } = useTranslation();
  usePageTitle(t('offices.detailFallback'));
  return <RequireStaff title={t('offices.detailFallback')}>{(staff) => <OfficeDetailView me={staff} />}</RequireStaff>;
}

function OfficeDetailView({ me }: { me: StaffMember }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const office = useLoad<Office>(`/api/v1/offices/${encodeURIComponent(id)}`);
  const canListStaff = CAN_LIST_STAFF.includes(me.role);
  const staff = useLoad<StaffMember[]>(canListStaff && office.data ? `/api/v1/staff?officeId=${encodeURIComponent(id)}` : null);
  const [current, setCurrent] = useState<Office | null>(null);
  const shown = current && current.id === office.data?.id ? current : office.data;

  if (office.error || !shown) {
    return (
      <>
        <h1>{t('offices.detailFallback')}</h1>
        {office.loading && <p>{t('common.loading')}</p>}
        <ProblemAlert error={office.error} />
        <p>
          <Link to="/staff/offices">{t('nav.offices')}</Link>
        </p>
      </>
    );
  }
  const name = locale === 'ar' ? shown.nameAr : shown.nameEn;

  return (
    <>
      <h1>{t('offices.detailTitle', { name })}</h1>
      <dl className="details">
        <div>
          <dt>{t('offices.code')}</dt>
          <dd>
            <bdi dir="ltr">{shown.code}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('offices.seat')}</dt>
          <dd>{locale === 'ar' ? shown.seatAr : shown.seatEn}</dd>
        </div>
        <div>
          <dt>{t('offices.directorate')}</dt>
          <dd>
            <bdi dir="ltr">{shown.directorateCode}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('offices.status')}</dt>
          <dd>{shown.active ? t('common.active') : t('common.inactive')}</dd>
        </div>
      </dl>
      {canListStaff && (
        <section aria-labelledby="office-staff-title">
          <h2 id="office-staff-title">{t('offices.staffTitle')}</h2>
          <ProblemAlert error={staff.error} />
          {staff.data && staff.data.length === 0 && <p>{t('offices.noStaff')}</p>}
          {staff.data && staff.data.length > 0 && (
            <TableWrap label={t('offices.staffTitle')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('people.name')}</th>
                    <th scope="col">{t('people.email')}</th>
                    <th scope="col">{t('people.role')}</th>
                    <th scope="col">{t('people.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {staff.data.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">{locale === 'ar' ? s.nameAr : s.nameEn}</th>
                      <td>
                        <bdi dir="ltr">{s.email}</bdi>
                      </td>
                      <td>{t(`roles.${s.role}`)}</td>
                      <td>{s.disabled ? t('people.disabled') : t('people.enabled')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
      {me.role === 'hq_admin' && <EditOffice office={shown} onSaved={setCurrent} />}
    </>
  );
}

function EditOffice({ office, onSaved }: { office: Office; onSaved: (o: Office) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = formValues(e.currentTarget);
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const next = await patch<Office>(`/api/v1/offices/${office.id}`, {
        nameAr: v.nameAr ?? '',
        nameEn: v.nameEn ?? '',
        seatAr: v.seatAr ?? '',
        seatEn: v.seatEn ?? '',
        active: v.active === 'on',
      });
      onSaved(next);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="edit-office-title">
      <h2 id="edit-office-title">{t('offices.editTitle')}</h2>
      {saved && <Notice>{t('common.saved')}</Notice>}
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field idPrefix="edit-office" name="nameAr" label={t('offices.nameAr')} error={errs.nameAr} defaultValue={office.nameAr} lang="ar" dir="rtl" autoComplete="off" />
        <Field idPrefix="edit-office" name="nameEn" label={t('offices.nameEn')} error={errs.nameEn} defaultValue={office.nameEn} lang="en" dir="ltr" autoComplete="off" />
        <Field idPrefix="edit-office" name="seatAr" label={t('offices.seatAr')} error={errs.seatAr} defaultValue={office.seatAr} lang="ar" dir="rtl" autoComplete="off" />
        <Field idPrefix="edit-office" name="seatEn" label={t('offices.seatEn')} error={errs.seatEn} defaultValue={office.seatEn} lang="en" dir="ltr" autoComplete="off" />
        <div className="check">
          <input id="edit-office-active" name="active" type="checkbox" defaultChecked={office.active} />
          <label htmlFor="edit-office-active">{t('offices.activeLabel')}</label>
        </div>
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
