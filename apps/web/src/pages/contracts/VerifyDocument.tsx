import { Fragment, useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { normalizeDigits, toArabicDigits, type VerificationResult } from '@rabt/contracts';
import { verifyDocumentBundle, verifyDocumentToken, type BundleVerified, type DocumentBundle, type DocumentTokenClaims, type TrustBundle, type VerifyFailure } from '@rabt/trust';
import { get } from '../../api/client.ts';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { Field, ProblemAlert } from '../../ui/forms.tsx';
import { useLocale, usePageTitle } from '../../ui/hooks.ts';
import { formatDate, formatDateTime, formatMinor, formatNumber, pick, useCurrencyDigits } from './common.tsx';

/**
 * Public verification of a document the ministry issued (issue 4 §6): by its code (GET /api/v1/verify/{code}),
 * by the QR (`/verify/{code}#{token}`: the token's EdDSA signature is checked in this browser against the
 * cached trust bundle first, then the current status is asked online), or from a downloaded `.rabt.json`
 * bundle checked entirely offline (signatures of both ministries, witnessed register checkpoint, inclusion proof).
 */

const TRUST_KEY = 'rabt.trustBundle';

function cachedTrust(): TrustBundle | null {
  try {
    const raw = localStorage.getItem(TRUST_KEY);
    return raw ? (JSON.parse(raw) as TrustBundle) : null;
  } catch {
    return null;
  }
}

/** Fetches the trust bundle (JWKS of the nodes, register and witness keys) and caches it for offline use; null when offline. */
async function freshTrust(): Promise<TrustBundle | null> {
  try {
    const b = await get<TrustBundle>('/api/v1/trust/bundle');
    try {
      localStorage.setItem(TRUST_KEY, JSON.stringify(b));
    } catch {
      // Private mode: kept for this page only.
    }
    return b;
  } catch {
    return null;
  }
}

/** The trust bundle to verify with: the cached one, or a fresh one when none is cached or when `refresh` (a key may have rotated). */
async function trustFor(fresh: Promise<TrustBundle | null>, refresh = false): Promise<TrustBundle | null> {
  const cached = cachedTrust();
  if (cached && !refresh) return cached;
  return (await fresh) ?? cached;
}

/** Verifies with the cached keys, retrying once with fresh keys when a key is unknown (rotation). */
async function verifyWithTrust<T extends { ok: boolean }>(check: (trust: TrustBundle) => Promise<T | VerifyFailure>): Promise<T | VerifyFailure | 'no_trust'> {
  const fresh = freshTrust();
  const trust = await trustFor(fresh);
  if (!trust) return 'no_trust';
  const r = await check(trust);
  if (!r.ok && (r as VerifyFailure).reason === 'unknown_key') {
    const again = await trustFor(fresh, true);
    if (again && again !== trust) return check(again);
  }
  return r;
}

/** A code as people type it: any case, spaces, Arabic-Indic digits, Crockford look-alikes (O→0, I/L→1); null when not a code. */
export function normalizeCode(input: string): string | null {
  const s = normalizeDigits(input).toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!/^[A-Z]{2}[0-9A-Z]{12}$/.test(s)) return null;
  const rest = s.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(rest)) return null;
  return `${s.slice(0, 2)}-${rest.slice(0, 4)}-${rest.slice(4, 8)}-${rest.slice(8)}`;
}

type Online = VerificationResult | 'unreachable' | null;
type Offline = { ok: true; claims: DocumentTokenClaims } | VerifyFailure | 'no_trust' | null;

export function VerifyDocumentPage() {
  const { t } = useTranslation();
  const { code: param } = useParams();
  const { hash } = useLocation();
  usePageTitle(t('contracts.verify.title'));
  const code = param ? (normalizeCode(param) ?? param) : null;
  const token = hash.length > 1 ? decodeURIComponent(hash.slice(1)) : null;
  // Caches the ministries' public keys as soon as the page opens online, so a file checked later works offline.
  useEffect(() => {
    if (navigator.onLine) void freshTrust();
  }, []);
  return (
    <>
      <h1>{t('contracts.verify.title')}</h1>
      <p>{t('contracts.verify.intro')}</p>
      {code && <CodeResult key={`${code}#${token ?? ''}`} code={code} token={token} />}
      <CodeForm initial={code ?? ''} />
      <CameraScan />
      <BundleCheck />
      <p className="small">
        <Link to="/transparency">{t('contracts.verify.howLink')}</Link>
      </p>
    </>
  );
}

function CodeForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState(initial);
  const [bad, setBad] = useState(false);
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = normalizeCode(value);
    setBad(code === null);
    if (code) void navigate(`/verify/${code}`);
  }
  return (
    <section aria-labelledby="code-title" className="card">
      <h2 id="code-title">{t('contracts.verify.codeTitle')}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <Field name="code" label={t('contracts.verify.codeLabel')} hint={t('contracts.verify.codeHint')} error={bad ? t('contracts.verify.codeInvalid') : undefined} value={value} onChange={(e) => setValue(e.target.value)} dir="ltr" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} />
        <button className="btn btn-primary" type="submit">
          {t('contracts.verify.check')}
        </button>
      </form>
    </section>
  );
}

function CodeResult({ code, token }: { code: string; token: string | null }) {
  const { t } = useTranslation();
  const [offline, setOffline] = useState<Offline>(null);
  const [online, setOnline] = useState<Online>(null);

  useEffect(() => {
    let live = true;
    if (token) {
      void verifyWithTrust((trust) => verifyDocumentToken(token, trust)).then((r) => {
        if (!live) return;
        if (r !== 'no_trust' && r.ok && r.claims.code !== code) setOffline({ ok: false, reason: 'code_mismatch', detail: 'the QR belongs to another code' });
        else setOffline(r);
      });
    }
    // Offline, or the service failing: the status could not be checked online (the signature check above still stands).
    get<VerificationResult>(`/api/v1/verify/${encodeURIComponent(code)}`).then(
      (v) => {
        if (live) setOnline(v);
      },
      () => {
        if (live) setOnline('unreachable');
      },
    );
    return () => {
      live = false;
    };
  }, [code, token]);

  const tokenFailed = offline !== null && offline !== 'no_trust' && !offline.ok;
  return (
    <section aria-labelledby="result-title" aria-live="polite">
      <h2 id="result-title">
        {t('contracts.verify.resultFor')} <bdi dir="ltr" className="nowrap">{code}</bdi>
      </h2>
      {token && offline === null && <p>{t('contracts.verify.checkingSignature')}</p>}
      {token && offline === 'no_trust' && <p className="alert alert-warn">{t('contracts.verify.noTrust')}</p>}
      {tokenFailed && <Verdict kind="bad" title={t('contracts.verify.notGenuine')} body={t(`contracts.reasons.${(offline).reason}`)} extra={t('contracts.verify.doNotPay')} />}
      {offline !== null && offline !== 'no_trust' && offline.ok && (
        <div className="card signature-ok" data-testid="offline-ok">
          <p className="ok-text">
            <span aria-hidden="true">✓ </span>
            {t('contracts.verify.signatureChecked')}
          </p>
          <ClaimsTerms claims={offline.claims} />
        </div>
      )}
      {online === null && <p>{t('contracts.verify.askingOnline')}</p>}
      {online === 'unreachable' && <p className="alert alert-warn">{t('contracts.verify.statusUnknown')}</p>}
      {online && online !== 'unreachable' && (tokenFailed ? <RegisterSays result={online} /> : <OnlineVerdict result={online} />)}
    </section>
  );
}

function Verdict({ kind, title, body, extra }: { kind: 'good' | 'bad' | 'warn'; title: string; body?: string; extra?: string }) {
  return (
    <div className={`verdict verdict-${kind}`} role="status" data-verdict={kind}>
      <p className="verdict-title">
        <span aria-hidden="true">{kind === 'good' ? '✓ ' : kind === 'bad' ? '✗ ' : '! '}</span>
        {title}
      </p>
      {body && <p>{body}</p>}
      {extra && <p>{extra}</p>}
    </div>
  );
}

/** True for an employment contract (the answer carries its key terms); false for certificates, licences, permits, notices. */
function isContract(result: VerificationResult): boolean {
  return result.kind === 'contract' || (result.kind === null && result.keyTerms !== null);
}

/**
 * The verdict on the online answer. The wording depends on the kind (contract vs other documents) and on why
 * it is not in force: a document the ministry itself revoked or cancelled is genuine but withdrawn (date and
 * reason, no broker warning); the "do not pay anyone" warning stays for unknown codes and withdrawn contracts.
 */
function OnlineVerdict({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = result.statusChangedAt ? formatDateTime(result.statusChangedAt, locale) : '';
  const contract = isContract(result);
  const withdrawn = result.status === 'cancelled' || result.status === 'revoked';
  const withdrawnBody = result.statusReason
    ? t('contracts.verify.withdrawnBody', { when, reason: result.statusReason.replace(/[.。]\s*$/, '') })
    : t(result.status === 'revoked' ? 'contracts.verify.revokedBody' : 'contracts.verify.cancelledDocBody', { when });
  return (
    <>
      {result.status === 'genuine' && <Verdict kind="good" title={t('contracts.verify.genuine')} body={t(contract ? 'contracts.verify.genuineBody' : 'contracts.verify.genuineDocBody')} />}
      {contract && result.status === 'cancelled' && <Verdict kind="bad" title={t('contracts.verify.cancelled')} body={t('contracts.verify.cancelledBody', { when })} extra={t('contracts.verify.doNotPay')} />}
      {contract && result.status === 'revoked' && <Verdict kind="bad" title={t('contracts.verify.revoked')} body={t('contracts.verify.revokedBody', { when })} extra={t('contracts.verify.doNotPay')} />}
      {!contract && withdrawn && <Verdict kind="bad" title={t(result.status === 'revoked' ? 'contracts.verify.revoked' : 'contracts.verify.cancelled')} body={withdrawnBody} extra={t('contracts.verify.withdrawnNote')} />}
      {result.status === 'superseded' && (
        <div className="verdict verdict-warn" role="status" data-verdict="warn">
          <p className="verdict-title">{t(contract ? 'contracts.verify.superseded' : 'contracts.verify.supersededDoc')}</p>
          <p>{t(contract ? 'contracts.verify.supersededBody' : 'contracts.verify.supersededDocBody')}</p>
          {result.supersededBy && (
            <p>
              {t(contract ? 'contracts.verify.newerCode' : 'contracts.verify.newerDocCode')} <Link to={`/verify/${result.supersededBy}`}><bdi dir="ltr">{result.supersededBy}</bdi></Link>
            </p>
          )}
        </div>
      )}
      {result.status === 'not_found' && <Verdict kind="bad" title={t('contracts.verify.notFound')} body={t('contracts.verify.notFoundBody')} />}
      {contract && result.statusReason && withdrawn && (
        <p>
          {t('contracts.reason')}: {result.statusReason}
        </p>
      )}
      {result.keyTerms ? <KeyTerms result={result} /> : <DocumentFacts title={result.title} fields={result.fields} validUntil={result.validUntil} />}
    </>
  );
}

/** When the QR was altered, what the register says about the code (to compare with the paper). */
function RegisterSays({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h3>{t('contracts.verify.registerSays')}</h3>
      <p>{t(`contracts.verify.${isContract(result) ? 'statusWords' : 'statusWordsDoc'}.${result.status}`)}</p>
      {result.keyTerms ? <KeyTerms result={result} /> : <DocumentFacts title={result.title} fields={result.fields} validUntil={result.validUntil} />}
    </div>
  );
}

/** Key terms of the online answer (`wageMinorUnits` is minor units per major unit, e.g. 100). */
function KeyTerms({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const k = result.keyTerms!;
  return (
    <dl className="facts terms-facts">
      <dt>{t('contracts.fields.worker')}</dt>
      <dd>{pick(k.workerName, locale)}</dd>
      <dt>{t('contracts.fields.employer')}</dt>
      <dd>
        {pick(k.employerName, locale)} (<bdi dir="ltr">{k.establishmentNumber}</bdi>)
      </dd>
      <dt>{t('contracts.country')}</dt>
      <dd>{pick(k.countryName, locale)}</dd>
      <dt>{t('contracts.fields.title')}</dt>
      <dd>
        {pick(k.title, locale)} (<bdi dir="ltr">ISCO {k.isco}</bdi>)
      </dd>
      <dt>{t('contracts.fields.workplaceCity')}</dt>
      <dd>{locale === 'ar' && k.workplaceCityAr ? k.workplaceCityAr : k.workplaceCity}</dd>
      <dt>{t('contracts.fields.startDate')}</dt>
      <dd>{formatDate(k.startDate, locale)}</dd>
      <dt>{t('contracts.fields.durationMonths')}</dt>
      <dd>{t('contracts.months', { n: formatNumber(k.durationMonths, locale) })}</dd>
      <dt>{t('contracts.fields.wage')}</dt>
      <dd>
        <bdi>{formatMinor(k.wage.amountMinor, k.wage.currency, Math.round(Math.log10(k.wageMinorUnits)), locale)}</bdi>
      </dd>
      <dt>{t('contracts.version')}</dt>
      <dd>{formatNumber(k.version, locale)}</dd>
      {result.issuedAt && (
        <>
          <dt>{t('contracts.verify.issuedAt')}</dt>
          <dd>{formatDateTime(result.issuedAt, locale)}</dd>
        </>
      )}
      {result.signedBy.length > 0 && (
        <>
          <dt>{t('contracts.verify.signedBy')}</dt>
          <dd>{result.signedBy.map((s) => s.country).join(' · ')}</dd>
        </>
      )}
    </dl>
  );
}

/** The masked key terms the QR token carries (signed by the issuing ministry). */
function ClaimsTerms({ claims }: { claims: DocumentTokenClaims }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const digits = useCurrencyDigits();
  const k = claims.terms;
  if (!k) return <DocumentFacts title={claims.title ?? null} fields={claims.fields ?? []} validUntil={claims.validUntil ?? null} code={claims.code} />;
  return (
    <dl className="facts terms-facts">
      <dt>{t('contracts.code')}</dt>
      <dd>
        <bdi dir="ltr">{claims.code}</bdi>
      </dd>
      <dt>{t('contracts.fields.worker')}</dt>
      <dd>{pick(k.workerName, locale)}</dd>
      <dt>{t('contracts.fields.employer')}</dt>
      <dd>
        {pick(k.employerName, locale)} (<bdi dir="ltr">{k.establishmentNumber}</bdi>)
      </dd>
      <dt>{t('contracts.fields.title')}</dt>
      <dd>
        {pick(k.title, locale)} (<bdi dir="ltr">ISCO {k.isco}</bdi>) · <bdi dir="ltr">{k.country}</bdi>
      </dd>
      <dt>{t('contracts.fields.workplaceCity')}</dt>
      <dd>{k.workplaceCity}</dd>
      <dt>{t('contracts.fields.startDate')}</dt>
      <dd>{formatDate(k.startDate, locale)}</dd>
      <dt>{t('contracts.fields.durationMonths')}</dt>
      <dd>{t('contracts.months', { n: formatNumber(k.durationMonths, locale) })}</dd>
      <dt>{t('contracts.fields.wage')}</dt>
      <dd>
        <bdi>{formatMinor(k.wage.amountMinor, k.wage.currency, digits(k.wage.currency), locale)}</bdi>
      </dd>
      <dt>{t('contracts.verify.signedBy')}</dt>
      <dd>
        <bdi dir="ltr">{claims.iss}</bdi> · {formatDateTime(new Date(claims.iat * 1000).toISOString(), locale)}
      </dd>
    </dl>
  );
}

/**
 * A fact's value with its numbers in the page's digits: in Arabic a plain number or percentage ("95٪" → "٩٥٪")
 * and the leading ISCO-08 code of an occupation ("7127 ميكانيكيو…" → "٧١٢٧ ميكانيكيو…"). Codes, IDs and
 * other mixed values are left as signed.
 */
function factDigits(key: string, value: string, locale: 'ar' | 'en'): string {
  if (locale !== 'ar') return value;
  const arabic = (d: string) => toArabicDigits(d);
  if (/^\d+(\.\d+)?\s?[٪%]?$/.test(value)) return arabic(value).replace('.', '٫').replace('%', '٪');
  if (key === 'isco') return value.replace(/^\d+/, arabic);
  return value;
}

/** Dates written inside a value (e.g. «مركز القاهرة — ٢٠٢٦-١١-٣٠», in documents issued before dates were spelled out) in the page's date format. */
function withDates(text: string, locale: 'ar' | 'en'): string {
  return text.replace(/(?<![\d٠-٩])([0-9٠-٩]{4}-[0-9٠-٩]{2}-[0-9٠-٩]{2})(?![\d٠-٩])/g, (iso) => {
    const latin = normalizeDigits(iso);
    return Number.isNaN(Date.parse(latin)) ? iso : formatDate(latin, locale);
  });
}

/** Title and key facts of any kind of document (certificates, licences, permits); names are masked by the issuer. */
function DocumentFacts({ title, fields, validUntil, code }: { title: { ar: string; en: string } | null; fields: { key: string; label: { ar: string; en: string }; value: { ar: string; en: string } }[]; validUntil: string | null; code?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!title && fields.length === 0) return null;
  return (
    <>
      {title && <p className="lead">{pick(title, locale)}</p>}
      <dl className="facts terms-facts">
        {code && (
          <>
            <dt>{t('contracts.code')}</dt>
            <dd>
              <bdi dir="ltr">{code}</bdi>
            </dd>
          </>
        )}
        {fields.map((f) => (
          <Fragment key={f.key}>
            <dt>{f.key === 'valid_from' ? t('contracts.verify.validFrom') : pick(f.label, locale)}</dt>
            {/* A date (YYYY-MM-DD) as a date in the page's language; other values isolated, so "Rahul S." keeps its full stop at the end in RTL. */}
            <dd>{/^\d{4}-\d{2}-\d{2}$/.test(f.value.en) ? formatDate(f.value.en, locale) : <bdi>{withDates(factDigits(f.key, pick(f.value, locale), locale), locale)}</bdi>}</dd>
          </Fragment>
        ))}
        {validUntil && (
          <>
            <dt>{t('contracts.verify.validUntil')}</dt>
            <dd>{formatDate(validUntil, locale)}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Checks a downloaded `.rabt.json` bundle in this browser, with no network if the keys are cached. */
function BundleCheck() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [result, setResult] = useState<BundleVerified | VerifyFailure | 'no_trust' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setResult(null);
    setError(null);
    if (!file) return;
    setBusy(true);
    try {
      let bundle: DocumentBundle;
      try {
        bundle = JSON.parse(await file.text()) as DocumentBundle;
      } catch {
        setResult({ ok: false, reason: 'malformed', detail: 'not JSON' });
        return;
      }
      setResult(await verifyWithTrust((trust) => verifyDocumentBundle(bundle, trust)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="file-title" className="card">
      <h2 id="file-title">{t('contracts.verify.fileTitle')}</h2>
      <p>{t('contracts.verify.fileIntro')}</p>
      <div className="field">
        <FilePicker id="bundle-file" label={t('contracts.verify.fileLabel')} accept=".json,application/json" onChange={(e) => void onFile(e)} disabled={busy} />
      </div>
      <ProblemAlert error={error} />
      <div aria-live="polite">
        {result === 'no_trust' && <p className="alert alert-warn">{t('contracts.verify.noTrust')}</p>}
        {result && result !== 'no_trust' && !result.ok && <Verdict kind="bad" title={t('contracts.verify.fileNotGenuine')} body={t(`contracts.reasons.${result.reason}`)} extra={t('contracts.verify.doNotPay')} />}
        {result && result !== 'no_trust' && result.ok && (
          <>
            <Verdict
              kind="good"
              title={t('contracts.verify.fileGenuine')}
              body={t('contracts.verify.fileGenuineBody', { signers: result.signedBy.map((s) => s.country).join(' · '), index: formatNumber(result.register.index, locale), witnesses: formatNumber(result.register.witnesses.length, locale) })}
            />
            <ClaimsTerms claims={result.claims} />
            <p>
              <Link to={`/verify/${result.code}`}>{t('contracts.verify.checkStatusOnline')}</Link>
            </p>
          </>
        )}
      </div>
    </section>
  );
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** "Scan with the camera": only where the browser has the Shape Detection API's BarcodeDetector. */
function CameraScan() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const video = useRef<HTMLVideoElement>(null);
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;

  useEffect(() => {
    if (!on || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!live || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(() => {
          if (!video.current) return;
          void detector.detect(video.current).then((codes) => {
            const raw = codes[0]?.rawValue;
            if (!raw) return;
            try {
              const u = new URL(raw, location.origin);
              if (!u.pathname.startsWith('/verify/')) return;
              setOn(false);
              void navigate(`${u.pathname}${u.hash}`);
            } catch {
              // not a URL: keep scanning
            }
          });
        }, 300);
      })
      .catch(() => {
        setFailed(true);
        setOn(false);
      });
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [on, Detector, navigate]);

  if (!Detector) return null;
  return (
    <section aria-labelledby="scan-title" className="card">
      <h2 id="scan-title">{t('contracts.verify.scanTitle')}</h2>
      <button type="button" className="btn btn-secondary" aria-pressed={on} onClick={() => setOn(!on)}>
        {on ? t('contracts.verify.scanStop') : t('contracts.verify.scanStart')}
      </button>
      {failed && <p className="field-error">{t('contracts.verify.scanFailed')}</p>}
      {on && <video ref={video} className="scan-video" muted playsInline aria-label={t('contracts.verify.scanTitle')} />}
    </section>
  );
}
