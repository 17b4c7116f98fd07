import { useState } from 'react';
import type { ScormPackageInfo } from '@rabt/contracts';
import { ProblemError, get } from '../../api/client.ts';
import { ProblemAlert } from '../../ui/forms.tsx';
import { useLocale } from '../../ui/hooks.ts';
import { num } from './strings.ts';
import { useScormL } from './scorm-strings.ts';

async function uploadPackage(lessonId: string, file: File): Promise<void> {
  const { token } = await get<{ token: string }>('/api/v1/csrf');
  const res = await fetch(`/api/v1/training/lessons/${lessonId}/scorm`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/zip', 'x-csrf-token': token, accept: 'application/json' }, body: file });
  if (!res.ok) throw new ProblemError((await res.json()) as never);
}

/**
 * A lesson's SCORM 1.2 package in the course editor (issue 6 §1): what is uploaded (title, file count, how
 * many parts, i.e. SCOs, it delivers; numbers in Arabic-Indic digits in Arabic) and,
 * while the course is editable, a .zip input that uploads (or replaces) it. The API checks the package and
 * answers a problem (SCORM 2004, no manifest, unsafe paths…) shown under the input.
 */
export function ScormUpload({ lessonId, scorm, editable, reload }: { lessonId: string; scorm: ScormPackageInfo | null | undefined; editable: boolean; reload: () => void }) {
  const s = useScormL();
  const locale = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `scorm-${lessonId}`;
  return (
    <>
      {scorm && (
        <p className="hint">
          {s.package(scorm.title, num(scorm.fileCount, locale))} — {s.partCount(num(scorm.scoCount, locale))}
        </p>
      )}
      {editable && (
        <div className="field">
          <label htmlFor={id}>{s.upload}</label>
          <p className="hint" id={`${id}-hint`}>
            {s.uploadHint}
          </p>
          <input
            id={id}
            type="file"
            accept=".zip,application/zip"
            aria-describedby={`${id}-hint`}
            disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (!f) return;
              setBusy(true);
              setError(null);
              uploadPackage(lessonId, f)
                .then(reload, setError)
                .finally(() => setBusy(false));
            }}
          />
          <ProblemAlert error={error} />
        </div>
      )}
    </>
  );
}
