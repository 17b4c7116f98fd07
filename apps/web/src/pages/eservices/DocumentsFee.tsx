import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import type { ApplicationDocument, ApplicationFeeStatus, CheckoutResponse, DevCheckoutView, ProblemDetails, ServiceApplicationDetail, ServiceDefinitionView } from '@rabt/contracts';
import { fieldErrors, post, ProblemError } from '../../api/client.ts';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { BusyButton, Field, formValues, Notice, ProblemAlert, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle, usePending } from '../../ui/hooks.ts';
import type { UiLocale } from '../../i18n/index.ts';
import { digits, feeText, moneyText, sizeText } from './common.tsx';

/** Documents and fees of an application (issue 5 §6): upload, list, download; fee status and payment. */

const T = {
  ar: {
    documents: 'المستندات',
    required: 'مطلوب',
    optional: 'اختياري',
    uploaded: 'تم الرفع',
    notUploaded: 'لم يُرفع بعد',
    choose: 'اختر الملف',
    upload: 'رفع',
    download: 'تنزيل',
    uploadedOk: 'تم رفع المستند.',
    accepted: 'الأنواع المقبولة',
    maxSize: 'الحد الأقصى',
    uploadHint: 'ارفع كل المستندات المطلوبة قبل تقديم الطلب. يُفحص محتوى الملف نفسه، لا اسمه.',
    fee: 'الرسوم',
    feeStatus: { not_required: 'مجانية', due: 'مستحقة — لم تُدفع بعد', pending: 'بدأ الدفع الإلكتروني ولم يكتمل', paid: 'مدفوعة', waived: 'معفى منها' },
    payOnline: 'ادفع إلكترونيًا',
    payOffice: 'أو ادفع نقدًا في شباك مكتب العمل واحصل على إيصال؛ يسجّله الموظف في طلبك.',
    receipt: 'رقم الإيصال',
    devPayTitle: 'صفحة الدفع التجريبية',
    devPayLead: 'مزوّد دفع وهمي لبيئة التطوير: لا تُحصَّل أي أموال.',
    amount: 'المبلغ',
    application: 'الطلب',
    pay: 'ادفع',
    paidOk: 'تم الدفع. سُجّل في طلبك.',
    back: 'العودة إلى الطلب',
    officeTitle: 'المستندات والرسوم',
    downloadOf: (label: string) => `تنزيل: ${label}`,
    missing: 'لم يُرفع',
    paidOnline: 'دُفعت إلكترونيًا',
    paidCash: 'دُفعت نقدًا',
    cashTitle: 'تسجيل دفع نقدي في الشباك',
    cashHint: 'رقم الإيصال الورقي كما هو مطبوع (أحرف لاتينية وأرقام و/ و-)؛ تُقبل الأرقام العربية.',
    cashSubmit: 'تسجيل الدفع',
    cashOk: 'سُجّل الدفع.',
    notPaidYet: 'لا يمكن اعتماد الطلب قبل دفع الرسوم أو الإعفاء منها.',
  },
  en: {
    documents: 'Documents',
    required: 'required',
    optional: 'optional',
    uploaded: 'Uploaded',
    notUploaded: 'Not uploaded yet',
    choose: 'Choose the file',
    upload: 'Upload',
    download: 'Download',
    uploadedOk: 'The document was uploaded.',
    accepted: 'Accepted types',
    maxSize: 'Maximum',
    uploadHint: 'Upload every required document before submitting. The file’s content is checked, not its name.',
    fee: 'Fee',
    feeStatus: { not_required: 'Free service', due: 'Due — not paid yet', pending: 'Online payment started, not completed', paid: 'Paid', waived: 'Waived' },
    payOnline: 'Pay online',
    payOffice: 'Or pay in cash at the labour office counter and keep the receipt; the clerk records it on your application.',
    receipt: 'Receipt number',
    devPayTitle: 'Test payment page',
    devPayLead: 'A fake payment provider for development: no money is taken.',
    amount: 'Amount',
    application: 'Application',
    pay: 'Pay',
    paidOk: 'Paid. It is recorded on your application.',
    back: 'Back to the application',
    officeTitle: 'Documents and fee',
    downloadOf: (label: string) => `Download: ${label}`,
    missing: 'Not uploaded',
    paidOnline: 'paid online',
    paidCash: 'paid in cash',
    cashTitle: 'Record a cash payment at the counter',
    cashHint: 'The paper receipt’s number as printed (Latin letters, digits, / and -); Arabic-Indic digits are accepted.',
    cashSubmit: 'Record the payment',
    cashOk: 'The payment is recorded.',
    notPaidYet: 'The application cannot be approved until the fee is paid or waived.',
  },
};

const MIME_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** The fee line: the amount and its state in words; a free service says only that it is free. */
function FeeLine({ fee, locale, id }: { fee: ApplicationFeeStatus; locale: UiLocale; id: string }): ReactNode {
  if (fee.status === 'not_required') return <p><strong id={id}>{feeText(0, locale)}</strong></p>;
  return (
    <p>
      {moneyText(fee.amountPiastres, locale)} — <strong id={id}>{T[locale].feeStatus[fee.status]}</strong>
    </p>
  );
}

/** Sends the file's raw bytes (application/octet-stream) with the CSRF header; the server sniffs the type. */
async function uploadFile(applicationId: string, type: string, file: File): Promise<ApplicationDocument> {
  const csrf = (await (await fetch('/api/v1/csrf', { credentials: 'same-origin' })).json()) as { token: string };
  const res = await fetch(`/api/v1/applications/${encodeURIComponent(applicationId)}/documents?type=${encodeURIComponent(type)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrf.token, accept: 'application/json' },
    body: file,
  });
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ProblemError(data as ProblemDetails);
  return data as ApplicationDocument;
}

/** On the citizen's application page: documents (upload while a draft or when information is asked) and the fee with payment. */
export function DocumentsAndFee({ app, def, onChange }: { app: ServiceApplicationDetail; def: ServiceDefinitionView | undefined; onChange: () => void }) {
  const locale = useLocale();
  const t = T[locale];
  const docs = useLoad<ApplicationDocument[]>(`/api/v1/applications/${app.id}/documents`);
  const fee = useLoad<ApplicationFeeStatus>(`/api/v1/applications/${app.id}/payment`);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const canUpload = app.status === 'draft' || app.status === 'info_requested';
  const open = !['withdrawn', 'rejected', 'issued'].includes(app.status);
  // One upload or payment request at a time: a double click sends one (its button is disabled and aria-busy meanwhile).
  const { pending, run } = usePending();
  // Set once the checkout is created: the buttons stay busy while the browser leaves for the provider's page.
  const [leaving, setLeaving] = useState(false);

  const onUpload = (type: string, input: HTMLInputElement | null) => run(async () => {
    setError(null);
    setNotice('');
    const file = input?.files?.[0];
    if (!file) return;
    try {
      await uploadFile(app.id, type, file);
      if (input) input.value = '';
      setNotice(t.uploadedOk);
      docs.reload();
      onChange();
    } catch (err) {
      setError(err);
    }
  });
  const payOnline = () => run(async () => {
    setError(null);
    try {
      const checkout = await post<CheckoutResponse>(`/api/v1/my/applications/${app.id}/payments/online`, {});
      setLeaving(true);
      window.location.assign(checkout.redirectUrl);
    } catch (err) {
      setError(err);
    }
  });

  return (
    <>
      <section aria-labelledby="docs-h" className="card">
        <h2 id="docs-h">{t.documents}</h2>
        {canUpload && <p>{t.uploadHint}</p>}
        {notice && <Notice>{notice}</Notice>}
        <ProblemAlert error={error ?? docs.error} />
        <ul className="plain-list">
          {def?.documents.map((d) => {
            const mine = docs.data?.filter((x) => x.type === d.type) ?? [];
            const inputId = `upload-${d.type}`;
            // Once sent, an optional document nobody uploaded is no longer worth a line.
            if (!canUpload && !d.required && mine.length === 0) return null;
            return (
              <li key={d.type}>
                <h3>
                  {d.label[locale]} <small>({d.required ? t.required : t.optional})</small>
                </h3>
                <p>
                  {t.accepted}: {d.acceptedMimeTypes.map((m) => MIME_NAMES[m] ?? m).join('، ')} — {t.maxSize}: {sizeText(d.maxBytes, locale)}
                </p>
                {mine.length === 0 ? (
                  <p id={`${inputId}-status`}>{t.notUploaded}</p>
                ) : (
                  <ul id={`${inputId}-status`}>
                    {mine.map((x) => (
                      <li key={x.id}>
                        {t.uploaded} — <a href={x.downloadUrl}>{t.download}</a>
                      </li>
                    ))}
                  </ul>
                )}
                {canUpload && (
                  <div className="field">
                    {/* Keyed by the upload count: after an upload the picker starts empty again. */}
                    <FilePicker key={mine.length} id={inputId} label={`${t.choose}: ${d.label[locale]}`} accept={d.acceptedMimeTypes.join(',')} describedBy={`${inputId}-status`} />
                    <BusyButton className="btn btn-secondary" busy={pending || leaving} onClick={() => void onUpload(d.type, document.getElementById(inputId) as HTMLInputElement | null)}>
                      {t.upload}: {d.label[locale]}
                    </BusyButton>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {fee.data && (
        <section aria-labelledby="fee-h" className="card">
          <h2 id="fee-h">{t.fee}</h2>
          <FeeLine fee={fee.data} locale={locale} id="fee-status" />
          {fee.data.payments
            .filter((p) => p.receiptNumber)
            .map((p) => (
              <p key={p.id}>
                {t.receipt}: <bdi dir="ltr">{p.receiptNumber}</bdi>
              </p>
            ))}
          {open && (fee.data.status === 'due' || fee.data.status === 'pending') && (
            <>
              <BusyButton className="btn btn-primary" busy={pending || leaving} onClick={() => void payOnline()}>
                {t.payOnline}
              </BusyButton>
              <p>{t.payOffice}</p>
            </>
          )}
        </section>
      )}
    </>
  );
}

/**
 * On the office's case page: the uploaded documents (download links; the API serves them as attachments
 * with their sniffed type), the fee with how it was paid, and — for the clerk or office head while the fee
 * is due — the form that records a cash payment at the counter with the paper receipt's number.
 */
export function OfficeDocumentsAndFee({ app, def, canRecordCash, onChange }: { app: ServiceApplicationDetail; def: ServiceDefinitionView | undefined; canRecordCash: boolean; onChange: () => void }) {
  const locale = useLocale();
  const t = T[locale];
  const docs = useLoad<ApplicationDocument[]>(`/api/v1/applications/${app.id}/documents`);
  const fee = useLoad<ApplicationFeeStatus>(`/api/v1/applications/${app.id}/payment`);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const open = !['withdrawn', 'rejected', 'issued'].includes(app.status);
  const { pending, run } = usePending();
  const recordCash = (form: HTMLFormElement) => run(async () => {
    setError(null);
    setNotice('');
    try {
      await post<ApplicationFeeStatus>(`/api/v1/office/applications/${app.id}/payments/cash`, { receiptNumber: formValues(form).receiptNumber ?? '' });
      form.reset();
      setNotice(t.cashOk);
      fee.reload();
      onChange();
    } catch (err) {
      setError(err);
    }
  });
  const errs = fieldErrors(error, locale);
  return (
    <section aria-labelledby="office-docs-h" className="card">
      <h2 id="office-docs-h">{t.officeTitle}</h2>
      <ProblemAlert error={docs.error ?? fee.error} />
      <ul className="plain-list" id="office-docs">
        {def?.documents.map((d) => {
          const mine = docs.data?.filter((x) => x.type === d.type) ?? [];
          if (mine.length === 0 && !d.required && !app.declaredDocuments.includes(d.type)) return null;
          return (
            <li key={d.type}>
              <strong>{d.label[locale]}</strong> <small>({d.required ? t.required : t.optional})</small>
              {mine.length === 0 ? (
                <p>{t.missing}</p>
              ) : (
                <ul>
                  {mine.map((x, i) => (
                    <li key={x.id}>
                      <a href={x.downloadUrl} download>
                        {t.downloadOf(d.label[locale])}
                        {mine.length > 1 ? ` (${digits(String(i + 1), locale)})` : ''}
                      </a>{' '}
                      — {MIME_NAMES[x.contentType] ?? x.contentType}{locale === 'ar' ? '، ' : ', '}{sizeText(x.sizeBytes, locale)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {fee.data && (
        <>
          <h3>{t.fee}</h3>
          <FeeLine fee={fee.data} locale={locale} id="office-fee-status" />
          {fee.data.payments
            .filter((p) => p.status === 'paid')
            .map((p) => (
              <p key={p.id}>
                {p.method === 'cash' ? t.paidCash : t.paidOnline}
                {p.receiptNumber && (
                  <>
                    {' '}
                    — {t.receipt}: <bdi dir="ltr">{p.receiptNumber}</bdi>
                  </>
                )}
              </p>
            ))}
          {open && (fee.data.status === 'due' || fee.data.status === 'pending') && <p>{t.notPaidYet}</p>}
          {notice && <Notice>{notice}</Notice>}
          {canRecordCash && open && (fee.data.status === 'due' || fee.data.status === 'pending') && (
            <form
              className="form"
              noValidate
              aria-label={t.cashTitle}
              onSubmit={(e) => {
                e.preventDefault();
                void recordCash(e.currentTarget);
              }}
            >
              <h3>{t.cashTitle}</h3>
              <ProblemAlert error={error} />
              <Field name="receiptNumber" idPrefix="cash" label={t.receipt} hint={t.cashHint} error={errs.receiptNumber} required maxLength={40} autoComplete="off" dir="ltr" />
              <BusyButton type="submit" className="btn btn-secondary" busy={pending}>
                {t.cashSubmit}
              </BusyButton>
            </form>
          )}
        </>
      )}
    </section>
  );
}

/** `/dev/pay/:ref`: the fake payment provider's checkout (development only): the citizen clicks Pay. */
export function DevPayPage() {
  const { ref = '' } = useParams();
  const locale = useLocale();
  const t = T[locale];
  usePageTitle(t.devPayTitle);
  const { data, error, reload } = useLoad<DevCheckoutView>(`/api/v1/dev/pay/${encodeURIComponent(ref)}`);
  const [payError, setPayError] = useState<unknown>(null);
  const { pending, run } = usePending();
  const pay = () => run(async () => {
    setPayError(null);
    try {
      await post<DevCheckoutView>(`/api/v1/dev/pay/${encodeURIComponent(ref)}`, {});
      reload();
    } catch (err) {
      setPayError(err);
    }
  });
  return (
    <>
      <h1>{t.devPayTitle}</h1>
      <p className="lead">{t.devPayLead}</p>
      <ProblemAlert error={error ?? payError} />
      {data && (
        <TableWrap label={t.devPayTitle}>
          <table>
            <tbody>
              <tr>
                <th scope="row">{t.application}</th>
                <td>
                  <bdi dir="ltr">{data.reference}</bdi>
                </td>
              </tr>
              <tr>
                <th scope="row">{t.amount}</th>
                <td>{moneyText(data.amountPiastres, locale)}</td>
              </tr>
            </tbody>
          </table>
        </TableWrap>
      )}
      {data?.status === 'pending' && (
        <BusyButton className="btn btn-primary" busy={pending} onClick={() => void pay()}>
          {t.pay}
        </BusyButton>
      )}
      {data?.status === 'paid' && <Notice>{t.paidOk}</Notice>}
      {data && (
        <p>
          <a href={data.returnUrl}>{t.back}</a>
        </p>
      )}
    </>
  );
}
