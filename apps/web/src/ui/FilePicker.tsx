import { useState, type ChangeEvent } from 'react';
import { useLocale } from './hooks.ts';

const T = {
  ar: { noFile: 'لم يُختر ملف بعد', chosen: 'الملف المختار' },
  en: { noFile: 'No file chosen yet', chosen: 'Chosen file' },
};

/**
 * A file chooser in the UI language. Browsers label their own file input in the browser's language («Choose
 * File / No file chosen» in an Arabic page), so the native input is only visually hidden — it stays in the
 * tab order and names itself by the <label>, which is styled as a button (`label`, e.g. «اختر الملف: <document>»);
 * the chosen file's name (or «لم يُختر ملف بعد») shows beside it in `<id>-name` and describes the input, with
 * `describedBy` (hint, error, status ids) after it. Focus on the hidden input draws the focus ring on its label
 * (styles.css `.file-picker`, `.file-input`). Used by e-service documents, the legacy import and /verify.
 */
export function FilePicker({
  id,
  label,
  accept,
  describedBy,
  name,
  invalid,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  accept: string;
  describedBy?: string | undefined;
  name?: string;
  invalid?: boolean;
  disabled?: boolean;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
}) {
  const t = T[useLocale()];
  const [chosen, setChosen] = useState('');
  return (
    <div className="file-picker">
      <input
        type="file"
        id={id}
        name={name}
        className="file-input"
        accept={accept}
        disabled={disabled}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[`${id}-name`, describedBy].filter(Boolean).join(' ')}
        onChange={(e) => {
          setChosen(e.currentTarget.files?.[0]?.name ?? '');
          onChange?.(e);
        }}
      />
      <label htmlFor={id} className="btn btn-secondary">
        {label}
      </label>
      <span id={`${id}-name`} className="file-name">
        {chosen ? (
          <>
            {t.chosen}: <bdi>{chosen}</bdi>
          </>
        ) : (
          t.noFile
        )}
      </span>
    </div>
  );
}
