import { useEffect, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../api/client.ts';
import { useLocale } from './hooks.ts';

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Prefix for element ids when one page has two forms with the same field names. */
  idPrefix?: string;
}

function describedBy(hintId: string, errId: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? hintId : '', error ? errId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A labelled input; hint and error are tied to it with aria-describedby, and aria-invalid marks an error. */
export function Field({ name, label, hint, error, idPrefix = 'f', ...rest }: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)} {...rest} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({ name, label, hint, error, idPrefix = 'f', children, ...rest }: FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & { children: ReactNode }) {
  const id = `${idPrefix}-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)} {...rest}>
        {children}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The problem title in the UI language, announced as an alert and focused so keyboard and screen-reader
 * users land on it after a failed submit (WCAG 2.2 3.3.1). The correlation id is shown only for server
 * faults, where support needs it.
 */
export function ProblemAlert({ error }: { error: unknown }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const problem = error instanceof ProblemError ? error.problem : null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>{problem ? problem.titles[locale] : error instanceof Error ? error.message : t('common.unexpected')}</p>
      {problem?.correlationId && problem.status >= 500 && (
        <p className="small">
          {t('common.correlation')} <bdi dir="ltr">{problem.correlationId}</bdi>
        </p>
      )}
    </div>
  );
}

/**
 * A button that is disabled while its request runs (`busy`, e.g. `usePending().pending`): `disabled` and
 * `aria-busy` together, so neither a double click nor assistive technology sends the action twice.
 */
export function BusyButton({ busy, disabled, children, type = 'button', ...rest }: { busy: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type={type} disabled={busy || disabled} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-ok" role="status">
      {children}
    </div>
  );
}

/** A table that scrolls inside itself on narrow screens instead of widening the page. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Reads a form's named string fields. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === 'string') out[k] = v;
  });
  return out;
}
