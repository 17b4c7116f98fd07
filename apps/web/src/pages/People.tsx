import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedStaff, Directorate, Office, StaffMember, StaffRole } from '@rabt/contracts';
import { fieldErrors, patch, post } from '../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, TableWrap, formValues } from '../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../ui/hooks.ts';
import { RequireStaff } from '../ui/RequireStaff.tsx';
import { ALL_ROLES, CAN_LIST_STAFF } from '../ui/roles.ts';

export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('people.title'));
  return (
    <RequireStaff roles={CAN_LIST_STAFF} title={t('people.title')}>
      {(staff) => <PeopleView me={staff} />}
    </RequireStaff>
  );
}

type Named = { nameAr: string; nameEn: string };

function PeopleView({ me }: { me: StaffMember }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const staff = useLoad<StaffMember[]>('/api/v1/staff');
  const offices = useLoad<Office[]>('/api/v1/offices');
  const directorates = useLoad<Directorate[]>('/api/v1/directorates');
  const [error, setError] = useState<unknown>(null);
  const [updated, setUpdated] = useState<string | null>(null);
  const [roles, setRoles] = useState<Record<string, StaffRole>>({});
  const admin = me.role === 'hq_admin';
  const name = (x: Named) => (locale === 'ar' ? x.nameAr : x.nameEn);

  function scopeOf(s: StaffMember): string {
    if (s.officeId) {
      const o = offices.data?.find((x) => x.id === s.officeId);
      return o ? name(o) : s.officeId;
    }
    if (s.directorateCode) {
      const d = directorates.data?.find((x) => x.governorateCode === s.directorateCode);
      return d ? name(d) : s.directorateCode;
    }
    return t('staff.nationwide');
  }

  async function update(s: StaffMember, body: { role?: StaffRole; disabled?: boolean }) {
    setError(null);
    setUpdated(null);
    try {
      const next = await patch<StaffMember>(`/api/v1/staff/${s.id}`, body);
      setUpdated(name(next));
      staff.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1>{t('people.title')}</h1>
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('people.list')}</h2>
        {updated && <Notice>{t('people.updated', { name: updated })}</Notice>}
        <ProblemAlert error={error ?? staff.error} />
        {staff.loading && <p>{t('common.loading')}</p>}
        {staff.data && staff.data.length === 0 && <p>{t('people.none')}</p>}
        {staff.data && staff.data.length > 0 && (
          <TableWrap label={t('people.list')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('people.name')}</th>
                  <th scope="col">{t('people.email')}</th>
                  <th scope="col">{t('people.role')}</th>
                  <th scope="col">{t('people.scope')}</th>
                  <th scope="col">{t('people.status')}</th>
                  {admin && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {staff.data.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{name(s)}</th>
                    <td>
                      <bdi dir="ltr">{s.email}</bdi>
                    </td>
                    <td>{t(`roles.${s.role}`)}</td>
                    <td>{scopeOf(s)}</td>
                    <td>{s.disabled ? t('people.disabled') : t('people.enabled')}</td>
                    {admin && (
                      <td>
                        <div className="row-actions">
                          <select aria-label={t('people.roleFor', { name: name(s) })} value={roles[s.id] ?? s.role} onChange={(e) => setRoles({ ...roles, [s.id]: e.target.value as StaffRole })}>
                            {ALL_ROLES.map((r) => (
                              <option key={r} value={r}>
                                {t(`roles.${r}`)}
                              </option>
                            ))}
                          </select>
                          <button type="button" className="btn btn-secondary btn-small" disabled={(roles[s.id] ?? s.role) === s.role} onClick={() => void update(s, { role: roles[s.id] ?? s.role })}>
                            {t('people.changeRole')}
                          </button>
                          <button type="button" className="btn btn-secondary btn-small" onClick={() => void update(s, { disabled: !s.disabled })}>
                            {s.disabled ? t('people.enable') : t('people.disable')}
                          </button>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {admin && offices.data && directorates.data && <CreateStaff offices={offices.data} directorates={directorates.data} onCreated={staff.reload} />}
    </>
  );
}

function CreateStaff({ offices, directorates, onCreated }: { offices: Office[]; directorates: Directorate[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [role, setRole] = useState<StaffRole>('clerk');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedStaff | null>(null);
  const [busy, setBusy] = useState(false);
  const errs = fieldErrors(error, locale);
  const needsOffice = role === 'clerk' || role === 'office_head';
  const needsDirectorate = role === 'directorate_manager';

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = formValues(form);
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const res = await post<CreatedStaff>('/api/v1/staff', {
        email: v.email ?? '',
        nameAr: v.nameAr ?? '',
        nameEn: v.nameEn ?? '',
        role,
        officeId: needsOffice && v.officeId ? v.officeId : null,
        directorateCode: needsDirectorate && v.directorateCode ? v.directorateCode : null,
        password: v.password ?? '',
      });
      setCreated(res);
      form.reset();
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-staff-title">
      <h2 id="create-staff-title">{t('people.createTitle')}</h2>
      {created && <CreatedPanel created={created} />}
      <ProblemAlert error={error} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <Field idPrefix="new-staff" name="email" label={t('people.email')} error={errs.email} type="email" autoComplete="off" dir="ltr" required />
        <Field idPrefix="new-staff" name="nameAr" label={t('people.nameAr')} error={errs.nameAr} lang="ar" dir="rtl" autoComplete="off" required />
        <Field idPrefix="new-staff" name="nameEn" label={t('people.nameEn')} error={errs.nameEn} lang="en" dir="ltr" autoComplete="off" required />
        <SelectField idPrefix="new-staff" name="role" label={t('people.role')} error={errs.role} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {ALL_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        {needsOffice && (
          <SelectField idPrefix="new-staff" name="officeId" label={t('people.office')} error={errs.officeId} defaultValue="" required>
            <option value="" disabled>
              {t('people.choose')}
            </option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {locale === 'ar' ? o.nameAr : o.nameEn} ({o.code})
              </option>
            ))}
          </SelectField>
        )}
        {needsDirectorate && (
          <SelectField idPrefix="new-staff" name="directorateCode" label={t('people.directorate')} error={errs.directorateCode} defaultValue="" required>
            <option value="" disabled>
              {t('people.choose')}
            </option>
            {directorates.map((d) => (
              <option key={d.governorateCode} value={d.governorateCode}>
                {locale === 'ar' ? d.nameAr : d.nameEn}
              </option>
            ))}
          </SelectField>
        )}
        <Field idPrefix="new-staff" name="password" label={t('people.password')} hint={t('register.passwordHint')} error={errs.password} type="password" autoComplete="new-password" dir="ltr" required />
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {t('people.create')}
        </button>
      </form>
    </section>
  );
}

function CreatedPanel({ created }: { created: CreatedStaff }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const src = `data:image/svg+xml;utf8,${encodeURIComponent(created.totpQrSvg)}`;
  return (
    <div className="created-staff" role="status">
      <h3>{t('people.createdTitle', { name: locale === 'ar' ? created.staff.nameAr : created.staff.nameEn })}</h3>
      <p className="alert alert-warn">
        <strong>{t('people.shownOnce')}</strong>
      </p>
      <img className="qr" src={src} alt={t('people.qrAlt')} width={200} height={200} />
      <dl className="details">
        <div>
          <dt>{t('people.totpSecret')}</dt>
          <dd>
            <code dir="ltr">{created.totpSecret}</code>
          </dd>
        </div>
        <div>
          <dt>{t('people.totpUri')}</dt>
          <dd>
            <code dir="ltr" className="break">
              {created.totpUri}
            </code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
