import { Link } from 'react-router';
import type { StaffMember } from '@rabt/contracts';
import { Field } from '../../ui/forms.tsx';
import { useLocale } from '../../ui/hooks.ts';
import { useG } from './grading-strings.ts';
import { num } from './strings.ts';

/** The free-text question's authoring fields in the course editor (Training.tsx): maximum length, points, graders' notes. */
export function FreeTextAuthoringFields() {
  const g = useG();
  const locale = useLocale();
  return (
    <>
      <Field name="maxLength" idPrefix="q" label={g.maxLength} required inputMode="numeric" defaultValue={num(500, locale)} autoComplete="off" />
      <Field name="maxPoints" idPrefix="q" label={g.maxPoints} required inputMode="numeric" defaultValue={num(10, locale)} autoComplete="off" />
      <div className="field">
        <label htmlFor="ta-guidanceAr">{g.guidanceAr}</label>
        <textarea id="ta-guidanceAr" name="guidanceAr" />
      </div>
      <div className="field">
        <label htmlFor="ta-guidanceEn">{g.guidanceEn}</label>
        <textarea id="ta-guidanceEn" name="guidanceEn" dir="ltr" />
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
