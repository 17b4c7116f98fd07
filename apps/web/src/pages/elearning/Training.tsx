import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { normalizeDigits, SKILL_LEVEL_NAMES, SKILL_LEVELS, type CourseSummary, type QuestionSpec, type QuestionType, type StaffCourse, type StaffMember } from '@rabt/contracts';

/** One pair of a matching question, as stored (`QuestionSpec`). */
type MatchingPair = Extract<QuestionSpec, { pairs: unknown }>['pairs'][number];
import { ProblemError, del, fieldErrors, get, patch, post } from '../../api/client.ts';
import { Field, Notice, ProblemAlert, SelectField, TableWrap } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { LessonText } from './Learner.tsx';
import { QUESTION_TYPES, STATUS_NAMES, num, useL } from './strings.ts';
import { FreeTextAuthoringFields, TrainingToolsNav, freeTextBody } from './TrainingTools.tsx';
import { useC } from './classrooms-strings.ts';
import { useA } from './authoring-strings.ts';
import { ScormUpload } from './ScormAuthoring.tsx';

const TRAINING_ROLES = ['trainer', 'training_centre_manager', 'training_hq'] as const;

function TextArea({ name, label, hint, required, defaultValue, error, idPrefix = 'ta' }: { name: string; label: string; hint?: string; required?: boolean; defaultValue?: string | undefined; error?: string | undefined; idPrefix?: string }) {
  const id = `${idPrefix}-${name}`;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea id={id} name={name} required={required} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={described} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
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
      {data?.length === 0 && (
        <p>
          {l.noCoursesYet} {author && l.noCoursesYetAuthor}
        </p>
      )}
      {data && data.length > 0 && (
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
              {SKILL_LEVELS.map((lv) => (
                <option key={lv} value={lv}>
                  {SKILL_LEVEL_NAMES[lv][locale]}
                </option>
              ))}
            </SelectField>
            <Field name="quizQuestionCount" label={l.questionCount} required inputMode="numeric" defaultValue={num(5, locale)} />
            <Field name="quizTimeLimitMinutes" label={l.timeLimit} required inputMode="numeric" defaultValue={num(15, locale)} />
            <Field name="quizMaxAttempts" label={l.maxAttempts} required inputMode="numeric" defaultValue={num(3, locale)} />
            <Field name="quizPassPercent" label={l.passPercent} required inputMode="numeric" defaultValue={num(60, locale)} />
            <ProblemAlert error={action.error} />
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
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
  const pick = (s: string) => s.split(/[,،]/).map((x) => Number(normalizeDigits(x).trim()) - 1);
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

/**
 * Field errors of a failed action keyed by field name (RFC 9457 `errors`, JSON Pointers), worded for the
 * course editor: a blank return reason and the server's specific messages (https link, option number).
 */
function useFieldErrors(error: unknown): Record<string, string> {
  const locale = useLocale();
  const a = useA();
  const out = fieldErrors(error, locale);
  if (error instanceof ProblemError) {
    for (const e of error.problem.errors ?? []) {
      if (e.pointer === '/reason') out.reason = a.reasonRequired;
      if (e.code === 'https_required') out.videoUrl = a.httpsRequired;
      if (e.code === 'correct_option_out_of_range') out.correct = a.optionOutOfRange;
    }
  }
  return out;
}

/** The reasons a submission (or, for HQ, a publication) was refused (422 `course_not_ready`), listed under the alert. */
function NotReady({ error, publishing = false }: { error: unknown; publishing?: boolean }) {
  const locale = useLocale();
  const a = useA();
  if (!(error instanceof ProblemError) || error.problem.code !== 'course_not_ready' || !error.problem.errors?.length) return null;
  return (
    <div className="alert alert-error">
      <p>{publishing ? a.notReadyToPublish : a.notReady}</p>
      <ul>
        {error.problem.errors.map((e) => (
          <li key={e.pointer + e.code}>{e.message[locale]}</li>
        ))}
      </ul>
    </div>
  );
}

/** Submits a form through `action`, then reloads the course (and clears the form when `reset`). */
function formHandler(action: ReturnType<typeof useAction>, reload: () => void, fn: (v: Record<string, string>) => Promise<unknown>, reset = true) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = values(form);
    void action.run(async () => {
      await fn(v);
      if (reset) form.reset();
      reload();
    });
  };
}

function DeleteButton({ label, onDelete, busy }: { label: string; onDelete: () => void; busy: boolean }) {
  const a = useA();
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      disabled={busy}
      onClick={() => {
        if (window.confirm(a.confirmDelete)) onDelete();
      }}
    >
      {label}
    </button>
  );
}

/** Question fields for `type`, optionally filled from a stored question (for editing). */
function QuestionFields({ type, idPrefix, initial, errors }: { type: QuestionType; idPrefix: string; initial?: StaffCourse['questions'][number] | undefined; errors: Record<string, string> }) {
  const l = useL();
  const locale = useLocale();
  const spec = (initial?.spec ?? {}) as { options?: { id: string; ar: string; en: string }[]; correct?: string[] | boolean; accepted?: string[]; pairs?: MatchingPair[] };
  const opts = spec.options ?? [];
  // Text areas of the add form keep their original ids (ta-…).
  const ta = idPrefix === 'q' ? 'ta' : idPrefix;
  const correct = Array.isArray(spec.correct) ? spec.correct.map((c) => num(opts.findIndex((o) => o.id === c) + 1, locale)).join('، ') : undefined;
  return (
    <>
      <Field name="promptAr" idPrefix={idPrefix} label={l.promptAr} required defaultValue={initial?.prompt.ar} error={errors.promptAr} />
      <Field name="promptEn" idPrefix={idPrefix} label={l.promptEn} required dir="ltr" defaultValue={initial?.prompt.en} error={errors.promptEn} />
      {(type === 'single_choice' || type === 'multiple_choice') && (
        <>
          <TextArea name="optionsAr" idPrefix={ta} label={l.optionsAr} required defaultValue={opts.map((o) => o.ar).join('\n') || undefined} error={errors.options} />
          <TextArea name="optionsEn" idPrefix={ta} label={l.optionsEn} defaultValue={opts.map((o) => o.en).join('\n') || undefined} />
          <Field name="correct" idPrefix={idPrefix} label={l.correctOptions} required inputMode="numeric" defaultValue={correct} error={errors.correct} />
        </>
      )}
      {type === 'true_false' && (
        <label className="choice">
          <input type="checkbox" name="correctTrue" defaultChecked={spec.correct === true} /> {l.correctTrue}
        </label>
      )}
      {type === 'short_answer' && <TextArea name="accepted" idPrefix={ta} label={l.accepted} required defaultValue={spec.accepted?.join('\n')} error={errors.accepted} />}
      {type === 'matching' && (
        <>
          <TextArea name="pairsAr" idPrefix={ta} label={l.pairsAr} required defaultValue={spec.pairs?.map((p) => `${p.left.ar} = ${p.right.ar}`).join('\n')} error={errors.pairs} />
          <TextArea name="pairsEn" idPrefix={ta} label={l.pairsEn} defaultValue={spec.pairs?.map((p) => `${p.left.en} = ${p.right.en}`).join('\n')} />
        </>
      )}
      {type === 'free_text' && <FreeTextAuthoringFields idPrefix={idPrefix} initial={initial?.spec} errors={errors} />}
    </>
  );
}

function LessonItem({ ls, editable, reload }: { ls: StaffCourse['modules'][number]['lessons'][number]; editable: boolean; reload: () => void }) {
  const l = useL();
  const a = useA();
  const locale = useLocale();
  const action = useAction();
  const errors = useFieldErrors(action.error);
  const p = `le-${ls.id}`;
  return (
    <details>
      <summary>{ls.title[locale]}</summary>
      <LessonText text={ls.body[locale]} />
      {ls.file && (
        <p className="hint">
          {ls.file.mediaType} · {num(Math.ceil(ls.file.sizeBytes / 1024), locale)} KB
        </p>
      )}
      <ScormUpload lessonId={ls.id} scorm={ls.scorm} editable={editable} reload={reload} />
      {editable && (
        <>
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
                if (f) void action.run(async () => (await uploadFile(ls.id, f), reload()));
              }}
            />
          </div>
          <form className="training-form" aria-label={a.editLesson(ls.title[locale])} onSubmit={formHandler(action, reload, (v) => patch(`/api/v1/training/lessons/${ls.id}`, { titleAr: v.titleAr, titleEn: v.titleEn, bodyAr: v.bodyAr, bodyEn: v.bodyEn, videoUrl: v.videoUrl || null }), false)}>
            <h4>{a.editLesson(ls.title[locale])}</h4>
            <Field name="titleAr" idPrefix={p} label={l.titleAr} required defaultValue={ls.title.ar} error={errors.titleAr} />
            <Field name="titleEn" idPrefix={p} label={l.titleEn} required dir="ltr" defaultValue={ls.title.en} error={errors.titleEn} />
            <TextArea name="bodyAr" idPrefix={p} label={l.bodyAr} hint={l.bodyHint} defaultValue={ls.body.ar} error={errors.bodyAr} />
            <TextArea name="bodyEn" idPrefix={p} label={l.bodyEn} defaultValue={ls.body.en} error={errors.bodyEn} />
            <Field name="videoUrl" idPrefix={p} label={l.videoUrl} type="url" dir="ltr" defaultValue={ls.videoUrl ?? ''} error={errors.videoUrl} />
            <ProblemAlert error={action.error} />
            {action.done && <p role="status">{l.saved}</p>}
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={action.busy}>
                {a.save}
              </button>
              <DeleteButton label={a.deleteLesson} busy={action.busy} onDelete={() => void action.run(async () => (await del(`/api/v1/training/lessons/${ls.id}`), reload()))} />
            </div>
          </form>
        </>
      )}
    </details>
  );
}

function ModuleCard({ m, editable, reload }: { m: StaffCourse['modules'][number]; editable: boolean; reload: () => void }) {
  const l = useL();
  const a = useA();
  const locale = useLocale();
  const action = useAction();
  const errors = useFieldErrors(action.error);
  const p = `me-${m.id}`;
  return (
    <div className="card">
      <h3>{m.title[locale]}</h3>
      {m.lessons.map((ls) => (
        <LessonItem key={ls.id} ls={ls} editable={editable} reload={reload} />
      ))}
      {editable && (
        <details>
          <summary>{a.editModule(m.title[locale])}</summary>
          <form className="training-form" onSubmit={formHandler(action, reload, (v) => patch(`/api/v1/training/modules/${m.id}`, { titleAr: v.titleAr, titleEn: v.titleEn }), false)}>
            <Field name="titleAr" idPrefix={p} label={l.titleAr} required defaultValue={m.title.ar} error={errors.titleAr} />
            <Field name="titleEn" idPrefix={p} label={l.titleEn} required dir="ltr" defaultValue={m.title.en} error={errors.titleEn} />
            <ProblemAlert error={action.error} />
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={action.busy}>
                {a.save}
              </button>
              <DeleteButton label={a.deleteModule} busy={action.busy} onDelete={() => void action.run(async () => (await del(`/api/v1/training/modules/${m.id}`), reload()))} />
            </div>
          </form>
        </details>
      )}
    </div>
  );
}

function QuestionItem({ q, editable, reload }: { q: StaffCourse['questions'][number]; editable: boolean; reload: () => void }) {
  const a = useA();
  const locale = useLocale();
  const action = useAction();
  const errors = useFieldErrors(action.error);
  return (
    <li>
      {q.prompt[locale]} <span className="hint">({QUESTION_TYPES[q.type][locale]})</span>
      {editable && (
        <details>
          <summary>{a.editQuestion}</summary>
          <form className="training-form" aria-label={a.editQuestionOf(q.prompt[locale])} onSubmit={formHandler(action, reload, (v) => patch(`/api/v1/training/questions/${q.id}`, questionBody(q.type, v)), false)}>
            <QuestionFields type={q.type} idPrefix={`qe-${q.id}`} initial={q} errors={errors} />
            <ProblemAlert error={action.error} />
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={action.busy}>
                {a.save}
              </button>
              <DeleteButton label={a.deleteQuestion} busy={action.busy} onDelete={() => void action.run(async () => (await del(`/api/v1/training/questions/${q.id}`), reload()))} />
            </div>
          </form>
        </details>
      )}
    </li>
  );
}

function QuizSettings({ c, editable, reload }: { c: StaffCourse; editable: boolean; reload: () => void }) {
  const l = useL();
  const a = useA();
  const locale = useLocale();
  const action = useAction();
  const errors = useFieldErrors(action.error);
  const empty = c.quiz.bankSize === 0;
  const small = !empty && c.quiz.bankSize < c.quiz.questionCount;
  return (
    <>
      <p>{a.bank(num(c.quiz.bankSize, locale), num(c.quiz.questionCount, locale))}</p>
      {empty && c.status !== 'published' && <p className="field-error">{a.bankEmpty}</p>}
      {small && c.status !== 'published' && <p className="field-error">{a.bankTooSmall}</p>}
      {editable && (
        <form
          className="training-form"
          aria-label={a.quizSettings}
          onSubmit={formHandler(action, reload, (v) => patch(`/api/v1/training/courses/${c.id}`, { quizQuestionCount: v.quizQuestionCount, quizTimeLimitMinutes: v.quizTimeLimitMinutes, quizMaxAttempts: v.quizMaxAttempts, quizPassPercent: v.quizPassPercent }), false)}
        >
          <Field name="quizQuestionCount" idPrefix="qs" label={l.questionCount} required inputMode="numeric" defaultValue={num(c.quiz.questionCount, locale)} error={errors.quizQuestionCount} />
          <Field name="quizTimeLimitMinutes" idPrefix="qs" label={l.timeLimit} required inputMode="numeric" defaultValue={num(Math.round(c.quiz.timeLimitSeconds / 60), locale)} error={errors.quizTimeLimitMinutes} />
          <Field name="quizMaxAttempts" idPrefix="qs" label={l.maxAttempts} required inputMode="numeric" defaultValue={num(c.quiz.maxAttempts, locale)} error={errors.quizMaxAttempts} />
          <Field name="quizPassPercent" idPrefix="qs" label={l.passPercent} required inputMode="numeric" defaultValue={num(c.quiz.passPercent, locale)} error={errors.quizPassPercent} />
          <ProblemAlert error={action.error} />
          {action.done && <p role="status">{l.saved}</p>}
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {a.saveSettings}
          </button>
        </form>
      )}
    </>
  );
}

function CourseEditor({ staff }: { staff: StaffMember }) {
  const { id = '' } = useParams();
  const l = useL();
  const a = useA();
  const locale = useLocale();
  const { data: c, error, reload } = useLoad<StaffCourse>(`/api/v1/training/courses/${id}`);
  const sessionsLabel = useC();
  const action = useAction();
  const returnAction = useAction();
  const moduleAction = useAction();
  const lessonAction = useAction();
  const questionAction = useAction();
  const returnErrors = useFieldErrors(returnAction.error);
  const moduleErrors = useFieldErrors(moduleAction.error);
  const lessonErrors = useFieldErrors(lessonAction.error);
  const questionErrors = useFieldErrors(questionAction.error);
  const [qType, setQType] = useState<QuestionType>('single_choice');
  if (error) return <ProblemAlert error={error} />;
  if (!c) return <p aria-live="polite">…</p>;
  const editable = staff.role !== 'training_hq' && (c.status === 'draft' || c.status === 'returned');
  const act = (fn: () => Promise<unknown>) => void action.run(async () => (await fn(), reload()));
  return (
    <>
      <h1>{c.title[locale]}</h1>
      <p>
        {l.status}: <strong>{STATUS_NAMES[c.status][locale]}</strong> · {c.centre.name[locale]}
        {c.occupation && c.isco ? (
          <>
            {' '}
            · {c.occupation[locale]} (<bdi>{num(Number(c.isco), locale)}</bdi>)
          </>
        ) : null}
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
      <NotReady error={action.error} publishing={staff.role === 'training_hq'} />
      {action.done && <p role="status">{l.saved}</p>}
      {staff.role === 'training_centre_manager' && editable && (
        <p>
          <button type="button" className="btn btn-primary" onClick={() => act(() => post(`/api/v1/training/courses/${id}/submit`))} disabled={action.busy}>
            {l.submitForApproval}
          </button>
        </p>
      )}
      {staff.role === 'training_hq' && c.status === 'submitted' && (
        <>
          <p>
            <button type="button" className="btn btn-primary" onClick={() => act(() => post(`/api/v1/training/courses/${id}/approve`))} disabled={action.busy}>
              {l.approve}
            </button>
          </p>
          <form onSubmit={formHandler(returnAction, reload, (v) => post(`/api/v1/training/courses/${id}/return`, { reason: v.reason }))}>
            <Field name="reason" label={l.returnReason} required error={returnErrors.reason} />
            <ProblemAlert error={returnAction.error} />
            <button type="submit" className="btn btn-secondary" disabled={returnAction.busy}>
              {l.returnCourse}
            </button>
          </form>
        </>
      )}
      <Section title={l.outline}>
        {c.modules.map((m) => (
          <ModuleCard key={m.id} m={m} editable={editable} reload={reload} />
        ))}
        {editable && (
          <>
            <form className="training-form" onSubmit={formHandler(moduleAction, reload, (v) => post(`/api/v1/training/courses/${id}/modules`, { titleAr: v.titleAr, titleEn: v.titleEn }))}>
              <h3>{l.addModule}</h3>
              <Field name="titleAr" idPrefix="m" label={l.titleAr} required error={moduleErrors.titleAr} />
              <Field name="titleEn" idPrefix="m" label={l.titleEn} required dir="ltr" error={moduleErrors.titleEn} />
              <ProblemAlert error={moduleAction.error} />
              <button type="submit" className="btn btn-primary" disabled={moduleAction.busy}>
                {l.addModule}
              </button>
            </form>
            {c.modules.length > 0 && (
              <form
                className="training-form"
                onSubmit={formHandler(lessonAction, reload, (v) => post(`/api/v1/training/courses/${id}/lessons`, { moduleId: v.moduleId, titleAr: v.titleAr, titleEn: v.titleEn, bodyAr: v.bodyAr, bodyEn: v.bodyEn, videoUrl: v.videoUrl || null }))}
              >
                <h3>{l.addLesson}</h3>
                <SelectField name="moduleId" idPrefix="l" label={l.module}>
                  {c.modules.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title[locale]}
                    </option>
                  ))}
                </SelectField>
                <Field name="titleAr" idPrefix="l" label={l.titleAr} required error={lessonErrors.titleAr} />
                <Field name="titleEn" idPrefix="l" label={l.titleEn} required dir="ltr" error={lessonErrors.titleEn} />
                <TextArea name="bodyAr" label={l.bodyAr} hint={l.bodyHint} error={lessonErrors.bodyAr} />
                <TextArea name="bodyEn" label={l.bodyEn} error={lessonErrors.bodyEn} />
                <Field name="videoUrl" idPrefix="l" label={l.videoUrl} type="url" dir="ltr" error={lessonErrors.videoUrl} />
                <ProblemAlert error={lessonAction.error} />
                <button type="submit" className="btn btn-primary" disabled={lessonAction.busy}>
                  {l.addLesson}
                </button>
              </form>
            )}
          </>
        )}
      </Section>
      <Section title={a.quizSettings}>
        <QuizSettings c={c} editable={editable} reload={reload} />
      </Section>
      <Section title={l.questions}>
        <ol>
          {c.questions.map((q) => (
            <QuestionItem key={q.id} q={q} editable={editable} reload={reload} />
          ))}
        </ol>
        {editable && (
          <form className="training-form" onSubmit={formHandler(questionAction, reload, (v) => post(`/api/v1/training/courses/${id}/questions`, questionBody(qType, v)))}>
            <h3>{l.addQuestion}</h3>
            <SelectField name="type" idPrefix="q" label={l.questionType} value={qType} onChange={(e) => setQType(e.currentTarget.value as QuestionType)}>
              {(Object.keys(QUESTION_TYPES) as QuestionType[]).map((t) => (
                <option key={t} value={t}>
                  {QUESTION_TYPES[t][locale]}
                </option>
              ))}
            </SelectField>
            <QuestionFields type={qType} idPrefix="q" errors={questionErrors} />
            <ProblemAlert error={questionAction.error} />
            {questionAction.done && <p role="status">{l.saved}</p>}
            <button type="submit" className="btn btn-primary" disabled={questionAction.busy}>
              {l.addQuestion}
            </button>
          </form>
        )}
      </Section>
    </>
  );
}
