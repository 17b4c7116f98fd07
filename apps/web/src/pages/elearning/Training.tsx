import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CourseSummary, QuestionType, StaffCourse, StaffMember } from '@rabt/contracts';
import { ProblemError, get, post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { LessonText } from './Learner.tsx';
import { QUESTION_TYPES, STATUS_NAMES, num, useL } from './strings.ts';
import { FreeTextAuthoringFields, TrainingToolsNav, freeTextBody } from './TrainingTools.tsx';
import { useC } from './classrooms-strings.ts';

const TRAINING_ROLES = ['trainer', 'training_centre_manager', 'training_hq'] as const;
const LEVELS = ['assistant_worker', 'semi_skilled', 'skilled', 'technician', 'specialised_technician'] as const;
const LEVEL_NAMES: Record<(typeof LEVELS)[number], { ar: string; en: string }> = {
  assistant_worker: { ar: 'عامل مساعد', en: 'Assistant worker' },
  semi_skilled: { ar: 'نصف ماهر', en: 'Semi-skilled' },
  skilled: { ar: 'ماهر', en: 'Skilled' },
  technician: { ar: 'فني', en: 'Technician' },
  specialised_technician: { ar: 'فني أخصائي', en: 'Specialised technician' },
};

function TextArea({ name, label, hint, required, defaultValue }: { name: string; label: string; hint?: string; required?: boolean; defaultValue?: string }) {
  const id = `ta-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} name={name} required={required} defaultValue={defaultValue} aria-describedby={hint ? `${id}-hint` : undefined} />
    </div>
  );
}

/** Runs an API action from a form; shows its problem or a saved notice. */
function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await fn();
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, done, busy, run };
}

const values = (form: HTMLFormElement) => Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
const lines = (v: string | undefined) => (v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);

/** `/training`: courses of the caller's centre (or all, HQ), and a new-course form for authors. */
export function TrainingCoursesPage() {
  const l = useL();
  usePageTitle(l.training);
  return <RequireStaff roles={TRAINING_ROLES} title={l.training}>{(staff) => <CourseList staff={staff} />}</RequireStaff>;
}

function CourseList({ staff }: { staff: StaffMember }) {
  const l = useL();
  const locale = useLocale();
  const navigate = useNavigate();
  const { data, error } = useLoad<CourseSummary[]>('/api/v1/training/courses');
  const action = useAction();
  const author = staff.role !== 'training_hq';
  function create(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const v = values(e.currentTarget);
    void action.run(async () => {
      const c = await post<StaffCourse>('/api/v1/training/courses', {
        titleAr: v.titleAr,
        titleEn: v.titleEn,
        descriptionAr: v.descriptionAr,
        descriptionEn: v.descriptionEn,
        isco: v.isco,
        skillLevel: v.skillLevel || null,
        quizQuestionCount: v.quizQuestionCount,
        quizTimeLimitMinutes: v.quizTimeLimitMinutes,
        quizMaxAttempts: v.quizMaxAttempts,
        quizPassPercent: v.quizPassPercent,
        prerequisiteIds: [],
      });
      await navigate(`/training/courses/${c.id}`);
    });
  }
  return (
    <>
      <h1>{l.training}</h1>
      <TrainingToolsNav staff={staff} />
      <ProblemAlert error={error} />
      {data && (
        <TableWrap label={l.training}>
          <table>
            <thead>
              <tr>
                <th scope="col">{l.titleAr}</th>
                <th scope="col">{l.centre}</th>
                <th scope="col">{l.status}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/training/courses/${c.id}`}>{c.title[locale]}</Link>
                  </td>
                  <td>{c.centre.name[locale]}</td>
                  <td>{STATUS_NAMES[c.status][locale]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {author && (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{l.newCourse}</h2>
          <form className="training-form" onSubmit={create}>
            <Field name="titleAr" label={l.titleAr} required />
            <Field name="titleEn" label={l.titleEn} required dir="ltr" />
            <TextArea name="descriptionAr" label={l.descriptionAr} required />
            <TextArea name="descriptionEn" label={l.descriptionEn} required />
            <Field name="isco" label={l.isco} required inputMode="numeric" autoComplete="off" />
            <SelectField name="skillLevel" label={l.skillLevel} defaultValue="">
              <option value="">{l.noLevel}</option>
              {LEVELS.map((lv) => (
                <option key={lv} value={lv}>
                  {LEVEL_NAMES[lv][locale]}
                </option>
              ))}
            </SelectField>
            <Field name="quizQuestionCount" label={l.questionCount} required inputMode="numeric" defaultValue={num(5, locale)} />
            <Field name="quizTimeLimitMinutes" label={l.timeLimit} required inputMode="numeric" defaultValue={num(15, locale)} />
            <Field name="quizMaxAttempts" label={l.maxAttempts} required inputMode="numeric" defaultValue={num(3, locale)} />
            <Field name="quizPassPercent" label={l.passPercent} required inputMode="numeric" defaultValue={num(60, locale)} />
            <ProblemAlert error={action.error} />
            <button type="submit" disabled={action.busy}>
              {l.create}
            </button>
          </form>
        </section>
      )}
    </>
  );
}

/** `/training/courses/:id`: author modules, lessons, files and questions; submit (manager); approve or return (HQ). */
export function TrainingCoursePage() {
  const l = useL();
  usePageTitle(l.training);
  return <RequireStaff roles={TRAINING_ROLES} title={l.training}>{(staff) => <CourseEditor staff={staff} />}</RequireStaff>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `s-${title.replace(/\s+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

async function uploadFile(lessonId: string, file: File): Promise<void> {
  const { token } = await get<{ token: string }>('/api/v1/csrf');
  const res = await fetch(`/api/v1/training/lessons/${lessonId}/file`, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': token, accept: 'application/json' }, body: file });
  if (!res.ok) throw new ProblemError((await res.json()) as never);
}

function questionBody(type: QuestionType, v: Record<string, string>): Record<string, unknown> {
  const base = { type, promptAr: v.promptAr, promptEn: v.promptEn };
  const pick = (s: string) => s.split(/[,،]/).map((x) => Number(x.replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d))).trim()) - 1);
  const options = () => lines(v.optionsAr).map((ar, i) => ({ ar, en: lines(v.optionsEn)[i] ?? ar }));
  const pairs = () =>
    lines(v.pairsAr).map((ar, i) => {
      const [la = '', ra = ''] = ar.split('=').map((x) => x.trim());
      const [le = la, re = ra] = (lines(v.pairsEn)[i] ?? '').split('=').map((x) => x.trim());
      // Matching pair sides (the question's terms, not CSS): built as shorthand properties.
      const left = { ar: la, en: le || la };
      const right = { ar: ra, en: re || ra };
      return { left, right };
    });
  switch (type) {
    case 'single_choice':
      return { ...base, options: options(), correct: pick(v.correct ?? '1')[0] };
    case 'multiple_choice':
      return { ...base, options: options(), correct: pick(v.correct ?? '1') };
    case 'true_false':
      return { ...base, correct: v.correctTrue === 'on' };
    case 'short_answer':
      return { ...base, accepted: lines(v.accepted) };
    case 'matching':
      return { ...base, pairs: pairs() };
    case 'free_text':
      return freeTextBody({ ...base, type }, v);
  }
}

function CourseEditor({ staff }: { staff: StaffMember }) {
  const { id = '' } = useParams();
  const l = useL();
  const locale = useLocale();
  const { data: c, error, reload } = useLoad<StaffCourse>(`/api/v1/training/courses/${id}`);
  const sessionsLabel = useC();
  const action = useAction();
  const [qType, setQType] = useState<QuestionType>('single_choice');
  if (error) return <ProblemAlert error={error} />;
  if (!c) return <p aria-live="polite">…</p>;
  const editable = staff.role !== 'training_hq' && (c.status === 'draft' || c.status === 'returned');
  const act = (fn: () => Promise<unknown>) => void action.run(async () => (await fn(), reload()));
  const onForm = (fn: (v: Record<string, string>) => Promise<unknown>) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = values(form);
    act(async () => {
      await fn(v);
      form.reset();
    });
  };
  return (
    <>
      <h1>{c.title[locale]}</h1>
      <p>
        {l.status}: <strong>{STATUS_NAMES[c.status][locale]}</strong> · {c.centre.name[locale]}{c.occupation && c.isco ? <> · {c.occupation[locale]} (<bdi>{num(Number(c.isco), locale)}</bdi>)</> : null}
      </p>
      <p>
        <Link to={`/training/courses/${id}/sessions`}>{sessionsLabel.manageSessions}</Link>
      </p>
      {c.returnReason && (
        <Notice>
          {l.returnedBecause} {c.returnReason}
        </Notice>
      )}
      <ProblemAlert error={action.error} />
      {action.done && <p role="status">{l.saved}</p>}
      {staff.role === 'training_centre_manager' && editable && (
        <p>
          <button type="button" onClick={() => act(() => post(`/api/v1/training/courses/${id}/submit`))} disabled={action.busy}>
            {l.submitForApproval}
          </button>
        </p>
      )}
      {staff.role === 'training_hq' && c.status === 'submitted' && (
        <>
          <p>
            <button type="button" onClick={() => act(() => post(`/api/v1/training/courses/${id}/approve`))} disabled={action.busy}>
              {l.approve}
            </button>
          </p>
          <form onSubmit={onForm((v) => post(`/api/v1/training/courses/${id}/return`, { reason: v.reason }))}>
            <Field name="reason" label={l.returnReason} required />
            <button type="submit">{l.returnCourse}</button>
          </form>
        </>
      )}
      <Section title={l.outline}>
        {c.modules.map((m) => (
          <div key={m.id} className="card">
            <h3>{m.title[locale]}</h3>
            {m.lessons.map((ls) => (
              <details key={ls.id}>
                <summary>{ls.title[locale]}</summary>
                <LessonText text={ls.body[locale]} />
                {ls.file && <p className="hint">{ls.file.mediaType} · {num(Math.ceil(ls.file.sizeBytes / 1024), locale)} KB</p>}
                {editable && (
                  <div className="field">
                    <label htmlFor={`up-${ls.id}`}>{l.upload}</label>
                    <p className="hint" id={`up-${ls.id}-hint`}>
                      {l.uploadHint}
                    </p>
                    <input
                      id={`up-${ls.id}`}
                      type="file"
                      accept="application/pdf,video/mp4,video/webm"
                      aria-describedby={`up-${ls.id}-hint`}
                      onChange={(e) => {
                        const f = e.currentTarget.files?.[0];
                        if (f) act(() => uploadFile(ls.id, f));
                      }}
                    />
                  </div>
                )}
              </details>
            ))}
          </div>
        ))}
        {editable && (
          <>
            <form className="training-form" onSubmit={onForm((v) => post(`/api/v1/training/courses/${id}/modules`, { titleAr: v.titleAr, titleEn: v.titleEn }))}>
              <h3>{l.addModule}</h3>
              <Field name="titleAr" idPrefix="m" label={l.titleAr} required />
              <Field name="titleEn" idPrefix="m" label={l.titleEn} required dir="ltr" />
              <button type="submit">{l.addModule}</button>
            </form>
            {c.modules.length > 0 && (
              <form
                className="training-form"
                onSubmit={onForm((v) => post(`/api/v1/training/courses/${id}/lessons`, { moduleId: v.moduleId, titleAr: v.titleAr, titleEn: v.titleEn, bodyAr: v.bodyAr, bodyEn: v.bodyEn, videoUrl: v.videoUrl || null }))}
              >
                <h3>{l.addLesson}</h3>
                <SelectField name="moduleId" idPrefix="l" label={l.module}>
                  {c.modules.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title[locale]}
                    </option>
                  ))}
                </SelectField>
                <Field name="titleAr" idPrefix="l" label={l.titleAr} required />
                <Field name="titleEn" idPrefix="l" label={l.titleEn} required dir="ltr" />
                <TextArea name="bodyAr" label={l.bodyAr} hint={l.bodyHint} />
                <TextArea name="bodyEn" label={l.bodyEn} />
                <Field name="videoUrl" idPrefix="l" label={l.videoUrl} type="url" dir="ltr" />
                <button type="submit">{l.addLesson}</button>
              </form>
            )}
          </>
        )}
      </Section>
      <Section title={l.questions}>
        <ol>
          {c.questions.map((q) => (
            <li key={q.id}>
              {q.prompt[locale]} <span className="hint">({QUESTION_TYPES[q.type][locale]})</span>
            </li>
          ))}
        </ol>
        {editable && (
          <form className="training-form" onSubmit={onForm((v) => post(`/api/v1/training/courses/${id}/questions`, questionBody(qType, v)))}>
            <h3>{l.addQuestion}</h3>
            <SelectField name="type" idPrefix="q" label={l.questionType} value={qType} onChange={(e) => setQType(e.currentTarget.value as QuestionType)}>
              {(Object.keys(QUESTION_TYPES) as QuestionType[]).map((t) => (
                <option key={t} value={t}>
                  {QUESTION_TYPES[t][locale]}
                </option>
              ))}
            </SelectField>
            <Field name="promptAr" idPrefix="q" label={l.promptAr} required />
            <Field name="promptEn" idPrefix="q" label={l.promptEn} required dir="ltr" />
            {(qType === 'single_choice' || qType === 'multiple_choice') && (
              <>
                <TextArea name="optionsAr" label={l.optionsAr} required />
                <TextArea name="optionsEn" label={l.optionsEn} />
                <Field name="correct" idPrefix="q" label={l.correctOptions} required inputMode="numeric" />
              </>
            )}
            {qType === 'true_false' && (
              <label className="choice">
                <input type="checkbox" name="correctTrue" /> {l.correctTrue}
              </label>
            )}
            {qType === 'short_answer' && <TextArea name="accepted" label={l.accepted} required />}
            {qType === 'matching' && (
              <>
                <TextArea name="pairsAr" label={l.pairsAr} required />
                <TextArea name="pairsEn" label={l.pairsEn} />
              </>
            )}
            {qType === 'free_text' && <FreeTextAuthoringFields />}
            <button type="submit">{l.addQuestion}</button>
          </form>
        )}
      </Section>
    </>
  );
}
