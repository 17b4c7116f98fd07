import { Link } from 'react-router';
import type { StaffMember } from '@rabt/contracts';
import { Field } from '../../ui/forms.tsx';
import { useLocale } from '../../ui/hooks.ts';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/** The stored spec of a free-text question, as the staff API returns it (`StaffQuestion.spec`). */
interface FreeTextSpecView {
  maxLength?: number;
  maxPoints?: number;
  guidance?: { ar: string; en: string } | null;
}

/**
 * The free-text question's authoring fields in the course editor (Training.tsx): maximum length, points,
 * graders' notes. `idPrefix` keeps the ids of an edit form apart from the add form's (`q-…`, `ta-…`);
 * `initial` fills them from the stored question when editing.
 */
export function FreeTextAuthoringFields({ idPrefix = 'q', initial, errors = {} }: { idPrefix?: string; initial?: Record<string, unknown> | undefined; errors?: Record<string, string> }) {
  const g = useG();
  const locale = useLocale();
  const spec = (initial ?? {}) as FreeTextSpecView;
  const ta = idPrefix === 'q' ? 'ta' : idPrefix;
  return (
    <>
      <Field name="maxLength" idPrefix={idPrefix} label={g.maxLength} required inputMode="numeric" defaultValue={num(spec.maxLength ?? 500, locale)} autoComplete="off" error={errors.maxLength} />
      <Field name="maxPoints" idPrefix={idPrefix} label={g.maxPoints} required inputMode="numeric" defaultValue={num(spec.maxPoints ?? 10, locale)} autoComplete="off" error={errors.maxPoints} />
      <div className="field">
        <label htmlFor={`${ta}-guidanceAr`}>{g.guidanceAr}</label>
        <textarea id={`${ta}-guidanceAr`} name="guidanceAr" defaultValue={spec.guidance?.ar ?? ''} />
      </div>
      <div className="field">
        <label htmlFor={`${ta}-guidanceEn`}>{g.guidanceEn}</label>
        <textarea id={`${ta}-guidanceEn`} name="guidanceEn" dir="ltr" defaultValue={spec.guidance?.en ?? ''} />
      </div>
    </>
  );
}

/** The request body of a free-text question from the editor's form values. */
export function freeTextBody(base: { type: 'free_text'; promptAr: string | undefined; promptEn: string | undefined }, v: Record<string, string>): Record<string, unknown> {
  return { ...base, maxLength: v.maxLength, maxPoints: v.maxPoints, ...(v.guidanceAr ? { guidanceAr: v.guidanceAr } : {}), ...(v.guidanceEn ? { guidanceEn: v.guidanceEn } : {}) };
}

/** Links from /training to the grading queue, centre enrolment and the reports, by role. */
export function TrainingToolsNav({ staff }: { staff: StaffMember }) {
  const g = useG();
  const centreStaff = staff.role === 'trainer' || staff.role === 'training_centre_manager';
  return (
    <nav aria-label={g.trainingLinks} className="training-tools">
      <ul className="inline-list">
        {centreStaff && (
          <li>
            <Link to="/training/grading">{g.gradingTitle}</Link>
          </li>
        )}
        {centreStaff && (
          <li>
            <Link to="/training/enrolments">{g.enrolTitle}</Link>
          </li>
        )}
        <li>
          <Link to="/training/reports">{g.reportsTitle}</Link>
        </li>
      </ul>
    </nav>
  );
}
