import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AnswerInput, AttemptQuestion, AttemptView, CourseDetail, CourseSummary, EnrolmentState, LessonPage as LessonPageData, MyEnrolment, OutlineModule, TrainingCentre } from '@rabt/contracts';
// Zod-free entry point: keeps the schemas out of the lesson page's JavaScript (issue 6 §8, 200 KB budget).
import { lessonBlocks, normalizeDigits } from '@rabt/contracts/text';
import { ProblemError, post } from '../../api/client.ts';
import { useApp } from '../../session.tsx';
import { BusyButton, Field, ProblemAlert, SelectField } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle, usePending } from '../../ui/hooks.ts';
import { num, percent, useL } from './strings.ts';
import { clearQuizDrafts, fillQuizForm, loadQuizDraft, saveQuizDraft } from './quiz-draft.ts';
import { AwaitingGrading, FreeTextField, QuizResultsNote } from './FreeText.tsx';
import { LazyCourseSessions, LazyMyUpcomingSessions } from './classrooms-lazy.tsx';
import { LazyScormPlayer } from './scorm-lazy.tsx';
import { FileSize, LessonPendingNote, SaveCourseOffline, queueIfOffline, useOnProgressSynced, usePendingLesson, useTrainee } from '../../offline/LessonOffline.tsx';
import { useOnline } from '../../offline/queue.ts';

const str = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v : '');

/** Lesson text rendered as plain elements from the markdown subset: never HTML. */
export function LessonText({ text }: { text: string }) {
  return (
    <>
      {lessonBlocks(text).map((b, i) =>
        b.type === 'ul' ? (
          <ul key={i}>
            {b.items.map((it, j) => (
              <li key={j}>{it}</li>
            ))}
          </ul>
        ) : b.type === 'h1' ? (
          <h2 key={i}>{b.text}</h2>
        ) : b.type === 'h2' ? (
          <h3 key={i}>{b.text}</h3>
        ) : (
          <p key={i}>{b.text}</p>
        ),
      )}
    </>
  );
}

function Progress({ percent: value }: { percent: number }) {
  const l = useL();
  const locale = useLocale();
  return (
    <p className="progress-line">
      <label>
        {l.progress}: <span>{percent(value, locale)}</span>{' '}
        <progress max={100} value={value}>
          {percent(value, locale)}
        </progress>
      </label>
    </p>
  );
}

/** `/courses`: published courses with filters by occupation and centre. */
export function CoursesPage() {
  const l = useL();
  const locale = useLocale();
  usePageTitle(l.catalogue);
  const [params, setParams] = useSearchParams();
  const isco = params.get('isco') ?? '';
  const centre = params.get('centre') ?? '';
  // A code with anything but digits (Arabic-Indic accepted) is refused with a message, never dropped silently.
  const [iscoError, setIscoError] = useState(false);
  const badIsco = iscoError || (isco !== '' && !/^\d{1,4}$/.test(normalizeDigits(isco)));
  const q = new URLSearchParams({ ...(isco && !badIsco && { isco: normalizeDigits(isco) }), ...(centre && { centre }) }).toString();
  const { data, error } = useLoad<CourseSummary[]>(badIsco ? null : `/api/v1/elearning/courses${q ? `?${q}` : ''}`);
  const centres = useLoad<TrainingCentre[]>('/api/v1/elearning/centres');
  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    const code = normalizeDigits(str(f.get('isco'))).replace(/\s/g, '');
    if (code && !/^\d{1,4}$/.test(code)) {
      // Focused with aria-invalid: a screen reader reads the field's error (aria-describedby).
      setIscoError(true);
      const input = e.currentTarget.elements.namedItem('isco');
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    setIscoError(false);
    if (code) next.set('isco', code);
    if (str(f.get('centre'))) next.set('centre', str(f.get('centre')));
    setParams(next);
  }
  return (
    <>
      <h1>{l.catalogue}</h1>
      <p className="lead">{l.catalogueLead}</p>
      <form className="filters" onSubmit={filter} role="search">
        <Field name="isco" label={l.occupation} hint={l.occupationHint} error={badIsco ? l.iscoDigitsOnly : undefined} defaultValue={isco} inputMode="numeric" autoComplete="off" />
        <SelectField name="centre" label={l.centre} defaultValue={centre}>
          <option value="">{l.anyCentre}</option>
          {centres.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name[locale]}
            </option>
          ))}
        </SelectField>
        <button type="submit">{l.filter}</button>
      </form>
      <ProblemAlert error={error} />
      {data && data.length === 0 && <p>{l.none}</p>}
      <ul className="plain-list">
        {data?.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/courses/${c.id}`}>{c.title[locale]}</Link>
            </h2>
            <p>{c.description[locale]}</p>
            <p className="hint">
              {c.occupation && c.isco ? <>{c.occupation[locale]} (<bdi>{num(Number(c.isco), locale)}</bdi>) · </> : null}{c.centre.name[locale]}
              {c.centre.demo ? ` · ${l.demo}` : ''} · {l.lessons(c.lessonCount)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Outline({ courseId, modules, current }: { courseId: string; modules: OutlineModule[]; current?: string }) {
  const locale = useLocale();
  const l = useL();
  return (
    <>
      {modules.map((m) => (
        <section key={m.id} aria-label={m.title[locale]}>
          <h3 className="outline-module">{m.title[locale]}</h3>
          <ol className="outline">
            {m.lessons.map((ls) => (
              <li key={ls.id}>
                <Link to={`/learn/${courseId}/${ls.id}`} aria-current={ls.id === current ? 'page' : undefined}>
                  {ls.title[locale]}
                </Link>
                {ls.completed && <span className="done"> ✓ {l.completed}</span>}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** `/courses/:id`: the outline, prerequisites, quiz rules, and Enrol / Resume. */
export function CourseDetailPage() {
  const { id = '' } = useParams();
  const l = useL();
  const locale = useLocale();
  const navigate = useNavigate();
  const { session } = useApp();
  const { data: c, error, reload } = useLoad<CourseDetail>(`/api/v1/elearning/courses/${id}`);
  const [actionError, setActionError] = useState<unknown>(null);
  // One enrolment request at a time: a double click sends one POST.
  const enrolling = usePending();
  usePageTitle(c?.title[locale] ?? l.catalogue);
  if (error) return <ProblemAlert error={error} />;
  if (!c) return <p aria-live="polite">…</p>;
  function enrol() {
    return enrolling.run(async () => {
      setActionError(null);
      try {
        const e = await post<{ resumeLessonId: string | null }>(`/api/v1/elearning/courses/${id}/enrolments`);
        if (e.resumeLessonId) await navigate(`/learn/${id}/${e.resumeLessonId}`);
        else reload();
      } catch (err) {
        setActionError(err);
      }
    });
  }
  const e = c.enrolment;
  return (
    <>
      <h1>{c.title[locale]}</h1>
      <p className="lead">{c.description[locale]}</p>
      <p className="hint">
        {c.occupation && c.isco ? <>{c.occupation[locale]} (<bdi>{num(Number(c.isco), locale)}</bdi>) · </> : null}{c.centre.name[locale]}
        {c.centre.demo ? ` · ${l.demo}` : ''}
      </p>
      <p>{l.quiz(Math.min(c.quiz.questionCount, c.quiz.bankSize), Math.round(c.quiz.timeLimitSeconds / 60), c.quiz.passPercent, c.quiz.maxAttempts)}</p>
      {c.prerequisites.length > 0 && (
        <p>
          {l.prerequisites}:{' '}
          {c.prerequisites.map((p) => (
            <Link key={p.id} to={`/courses/${p.id}`}>
              {p.title[locale]}{' '}
            </Link>
          ))}
        </p>
      )}
      <ProblemAlert error={actionError} />
      {e ? (
        <>
          <Progress percent={e.progressPercent} />
          {e.certificateCode && <CertificateLinks code={e.certificateCode} />}
          {e.resumeLessonId && (
            <p>
              <Link className="button" to={`/learn/${id}/${e.resumeLessonId}`}>
                {l.resume}
              </Link>
            </p>
          )}
          {c.quiz.bankSize > 0 && canTakeQuiz(e, c.quiz.maxAttempts) && (
            <p>
              <Link to={`/learn/${id}/quiz`}>{e.openAttemptId ? l.resumeQuiz : l.takeQuiz}</Link>
            </p>
          )}
          {c.quiz.bankSize > 0 && <AttemptsUsedUp e={e} maxAttempts={c.quiz.maxAttempts} />}
          <QuizResultsNote courseId={id} enrolment={e} />
        </>
      ) : session?.kind === 'citizen' ? (
        <p>
          <BusyButton className="btn btn-primary" busy={enrolling.pending} onClick={() => void enrol()}>
            {l.enrol}
          </BusyButton>
        </p>
      ) : (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/courses/${id}`)}`}>{l.signInToEnrol}</Link>
        </p>
      )}
      <LazyCourseSessions courseId={id} />
      <h2>{l.outline}</h2>
      <Outline courseId={id} modules={c.modules} />
    </>
  );
}

function CertificateLinks({ code }: { code: string }) {
  const l = useL();
  return (
    <p className="certificate">
      {l.certificate} — {l.verificationCode}: <bdi dir="ltr" className="code">{code}</bdi> · <Link to={`/verify/${code}`}>{l.verifyLink}</Link> ·{' '}
      <a href={`/api/v1/documents/${code}/pdf`} download>
        {l.downloadPdf}
      </a>
    </p>
  );
}

/** `/learn/:courseId/:lessonId`: the lesson (text first, media on demand), outline sidebar (collapsed on phones), mark complete, next. */
export function LearnPage() {
  const { courseId = '', lessonId = '' } = useParams();
  const l = useL();
  const locale = useLocale();
  const navigate = useNavigate();
  const { data: p, error, reload } = useLoad<LessonPageData>(`/api/v1/elearning/courses/${courseId}/lessons/${lessonId}`);
  const completing = usePending();
  const [actionError, setActionError] = useState<unknown>(null);
  const [wide] = useState(() => typeof window !== 'undefined' && window.matchMedia('(min-width: 56rem)').matches);
  // Offline (issue 6 §8): a completion made without network is kept on the device and synced when back online.
  // The signed-in trainee, or offline with no session answer the one last signed in here: a completion is never lost.
  const trainee = useTrainee();
  const pendingSync = usePendingLesson(trainee, lessonId);
  useOnProgressSynced(reload);
  const online = useOnline();
  usePageTitle(p?.lesson.title[locale] ?? l.outline);
  // Offline and the lesson is not on the device (e.g. a SCORM lesson, never saved for offline): say why, with the way back.
  if (error instanceof ProblemError && error.code === 'network_error') return <LessonUnavailableOffline courseId={courseId} lessonId={lessonId} error={error} />;
  if (error instanceof ProblemError && error.code === 'not_enrolled') {
    // Opened from a link before enrolling: say so and lead to the course page, where "Enrol" is.
    return (
      <>
        <ProblemAlert error={error} />
        <EnrolFirst courseId={courseId} />
      </>
    );
  }
  if (error) return <ProblemAlert error={error} />;
  if (!p) return <p aria-live="polite">…</p>;
  function complete() {
    return completing.run(async () => {
      setActionError(null);
      try {
        const r = await post<{ nextLessonId: string | null; enrolment: { certificateCode: string | null } }>(`/api/v1/elearning/enrolments/${p!.enrolment.id}/lessons/${lessonId}/complete`);
        if (r.nextLessonId) await navigate(`/learn/${courseId}/${r.nextLessonId}`);
        else reload();
      } catch (err) {
        if (queueIfOffline(err, { user: trainee, enrolmentId: p!.enrolment.id, courseId, lessonId })) return;
        setActionError(err);
      }
    });
  }
  const e = p.enrolment;
  const fileUrl = `/api/v1/elearning/lessons/${lessonId}/file`;
  return (
    <div className="learn-grid">
      <nav aria-label={l.outline} className="learn-outline">
        <details open={wide}>
          <summary>
            {l.outline} — {p.course.title[locale]}
          </summary>
          <Outline courseId={courseId} modules={p.outline} current={lessonId} />
        </details>
      </nav>
      <article className="learn-main">
        <p className="hint">
          <Link to={`/courses/${courseId}`}>{p.course.title[locale]}</Link>
        </p>
        <h1>{p.lesson.title[locale]}</h1>
        <Progress percent={e.progressPercent} />
        <LessonText text={p.lesson.body[locale]} />
        {p.lesson.scorm && (online ? <LazyScormPlayer lessonId={lessonId} enrolmentId={e.id} completed={p.lesson.completed} onCompleted={reload} /> : <ScormNeedsConnection courseId={courseId} />)}
        {p.lesson.file?.mediaType.startsWith('video/') && (
          <video controls preload="none" src={fileUrl} className="lesson-video">
            <a href={fileUrl}>{l.video}</a>
          </video>
        )}
        {p.lesson.file?.mediaType.startsWith('video/') && <FileSize bytes={p.lesson.file.sizeBytes} />}
        {p.lesson.file?.mediaType === 'application/pdf' && (
          <p>
            <a href={fileUrl}>{l.pdf}</a>
            <FileSize bytes={p.lesson.file.sizeBytes} />
          </p>
        )}
        {p.lesson.videoUrl && (
          <p>
            <a href={p.lesson.videoUrl} rel="noopener noreferrer" target="_blank">
              {l.externalVideo}
            </a>
          </p>
        )}
        <ProblemAlert error={actionError} />
        <div className="actions">
          {p.lesson.completed ? (
            <span className="done">✓ {l.completed}</span>
          ) : pendingSync ? (
            <LessonPendingNote />
          ) : p.lesson.scorm ? null : (
            <BusyButton className="btn btn-primary" busy={completing.pending} onClick={() => void complete()}>
              {l.markComplete}
            </BusyButton>
          )}
          {p.nextLessonId && <Link to={`/learn/${courseId}/${p.nextLessonId}`}>{l.next}</Link>}
          {!p.nextLessonId && !e.quizPassed && e.completedLessons === e.totalLessons && <Link to={`/learn/${courseId}/quiz`}>{e.openAttemptId ? l.resumeQuiz : l.takeQuiz}</Link>}
        </div>
        <SaveCourseOffline courseId={courseId} outline={p.outline} />
        {e.certificateCode && (
          <>
            <p role="status">{l.courseDone}</p>
            <CertificateLinks code={e.certificateCode} />
          </>
        )}
      </article>
    </div>
  );
}

/** Links from a lesson that cannot be shown offline to the pages that work offline: the course page and "my learning". */
/** Opened before enrolling (a shared link): say so and lead to the course page, where "Enrol" is. */
function EnrolFirst({ courseId }: { courseId: string }) {
  const l = useL();
  return (
    <>
      <p>{l.enrolFirst}</p>
      <p>
        <Link className="button" to={`/courses/${courseId}`}>
          {l.goEnrol}
        </Link>
      </p>
    </>
  );
}

function OfflineWayBack({ courseId }: { courseId: string }) {
  const l = useL();
  return (
    <p className="actions">
      <Link to={`/courses/${courseId}`}>{l.backToCourse}</Link>
      <Link to="/my-learning">{l.myLearning}</Link>
    </p>
  );
}

/** Instead of the SCORM player while offline: its content runs from the server and reports to it. */
function ScormNeedsConnection({ courseId }: { courseId: string }) {
  const l = useL();
  return (
    <div className="alert alert-warn" role="status">
      <p>{l.scormNeedsConnection}</p>
      <OfflineWayBack courseId={courseId} />
    </div>
  );
}

/**
 * A lesson page that could not load for lack of network (not kept on the device): the network problem and the
 * way back. When the course page is kept (saved for offline, or visited) and says the lesson is a SCORM lesson,
 * which never works offline, it says that instead.
 */
function LessonUnavailableOffline({ courseId, lessonId, error }: { courseId: string; lessonId: string; error: unknown }) {
  const l = useL();
  const locale = useLocale();
  const { data } = useLoad<CourseDetail>(`/api/v1/elearning/courses/${courseId}`);
  const scorm = data?.modules.some((m) => m.lessons.some((ls) => ls.id === lessonId && ls.hasScorm)) === true;
  if (!scorm) {
    return (
      <>
        <ProblemAlert error={error} />
        <OfflineWayBack courseId={courseId} />
      </>
    );
  }
  return (
    <>
      <h1>{data?.title[locale] ?? l.outline}</h1>
      <div className="alert alert-warn" role="status">
        <p>{l.scormNeedsConnection}</p>
        <OfflineWayBack courseId={courseId} />
      </div>
    </>
  );
}

/** Whether a trainee may start (or resume) the quiz: an open attempt, or not passed with attempts left. */
function canTakeQuiz(e: Pick<EnrolmentState, 'openAttemptId' | 'quizPassed' | 'attemptsUsed' | 'awaitingGradingAttemptId'>, maxAttempts: number): boolean {
  if (e.awaitingGradingAttemptId) return false;
  return e.openAttemptId !== null || (!e.quizPassed && e.attemptsUsed < maxAttempts);
}

/** Instead of "start the quiz" once every attempt is used: "used all N attempts" and the best result. */
function AttemptsUsedUp({ e, maxAttempts, withBest = true }: { e: Pick<EnrolmentState, 'quizPassed' | 'attemptsUsed' | 'bestScore' | 'openAttemptId' | 'awaitingGradingAttemptId'>; maxAttempts: number; withBest?: boolean }) {
  const l = useL();
  const locale = useLocale();
  if (e.quizPassed || e.openAttemptId || e.awaitingGradingAttemptId || e.attemptsUsed < maxAttempts) return null;
  return (
    <p className="attempts-used">
      <strong>{l.allAttemptsUsed(maxAttempts)}</strong> {withBest && e.bestScore !== null && l.bestResult(num(e.bestScore, locale))}
    </p>
  );
}

/** The page submits by itself this long before the server's deadline (the server also allows GRACE_SECONDS after it). */
const AUTO_SUBMIT_EARLY_MS = 2000;

/**
 * The countdown to the (slightly early) deadline: a visible warning from one minute left, and `onTimeUp`
 * once when it reaches zero (the page then locks the form and submits the answers given so far).
 */
function Countdown({ deadline, onTimeUp }: { deadline: number; onTimeUp: () => void }) {
  const l = useL();
  const locale = useLocale();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  const fired = useRef(false);
  useEffect(() => {
    if (left === 0 && !fired.current) {
      fired.current = true;
      onTimeUp();
    }
  }, [left, onTimeUp]);
  const mm = num(Math.floor(left / 60), locale).padStart(2, locale === 'ar' ? '٠' : '0');
  const ss = num(left % 60, locale).padStart(2, locale === 'ar' ? '٠' : '0');
  return (
    <>
      <p className="countdown" role="timer" aria-live={left <= 60 && left % 15 === 0 ? 'polite' : 'off'}>
        {l.timeLeft}: <strong dir="ltr">{mm}:{ss}</strong>
      </p>
      {left > 0 && left <= 60 && (
        <p className="alert alert-warn" role="alert">
          {l.lastMinute}
        </p>
      )}
      {left === 0 && <p role="status">{l.timeUp}</p>}
    </>
  );
}

function QuestionField({ q, index }: { q: AttemptQuestion; index: number }) {
  const l = useL();
  const locale = useLocale();
  const name = `q-${q.id}`;
  const legend = `${num(index + 1, locale)}. ${q.prompt[locale]}`;
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    return (
      <fieldset className="question">
        <legend>{legend}</legend>
        {q.options?.map((o) => (
          <label key={o.id} className="choice">
            <input type={q.type === 'single_choice' ? 'radio' : 'checkbox'} name={name} value={o.id} /> {o.text[locale]}
          </label>
        ))}
      </fieldset>
    );
  }
  if (q.type === 'true_false') {
    return (
      <fieldset className="question">
        <legend>{legend}</legend>
        <label className="choice">
          <input type="radio" name={name} value="true" /> {l.trueLabel}
        </label>
        <label className="choice">
          <input type="radio" name={name} value="false" /> {l.falseLabel}
        </label>
      </fieldset>
    );
  }
  if (q.type === 'free_text') return <FreeTextField q={q} index={index} legend={legend} />;
  if (q.type === 'short_answer') {
    return (
      <fieldset className="question">
        <legend>{legend}</legend>
        <Field name={name} label={l.yourAnswer} idPrefix={`a${index}`} autoComplete="off" />
      </fieldset>
    );
  }
  return (
    <fieldset className="question">
      <legend>{legend}</legend>
      {q.left?.map((left) => (
        <SelectField key={left.id} name={`${name}-${left.id}`} label={left.text[locale]} idPrefix={`a${index}`}>
          <option value="">{l.choose}</option>
          {q.right?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.text[locale]}
            </option>
          ))}
        </SelectField>
      ))}
    </fieldset>
  );
}

function answersFrom(form: HTMLFormElement, questions: AttemptQuestion[]): AnswerInput[] {
  const f = new FormData(form);
  return questions.map((q): AnswerInput => {
    const name = `q-${q.id}`;
    switch (q.type) {
      case 'single_choice':
        return { questionId: q.id, ...(str(f.get(name)) ? { choice: str(f.get(name)) } : {}) };
      case 'multiple_choice':
        return { questionId: q.id, choices: f.getAll(name).map(str) };
      case 'true_false':
        return { questionId: q.id, ...(f.get(name) ? { value: f.get(name) === 'true' } : {}) };
      case 'short_answer':
        return { questionId: q.id, text: str(f.get(name)) };
      case 'matching':
        return { questionId: q.id, matches: Object.fromEntries((q.left ?? []).map((left) => [left.id, str(f.get(`${name}-${left.id}`))])) };
      case 'free_text':
        return { questionId: q.id, text: str(f.get(name)) };
    }
  });
}

/**
 * The trainee's standing in the quiz, shown on the quiz page when no attempt is on screen (e.g. reloaded after
 * passing, or after an attempt the page submitted at time-out): best score, passed or not, attempts used of
 * the maximum, the certificate, and a link to the results page. From the course detail's `enrolment`.
 */
function QuizState({ courseId, e, maxAttempts }: { courseId: string; e: EnrolmentState; maxAttempts: number }) {
  const l = useL();
  const locale = useLocale();
  return (
    <section aria-labelledby="quiz-state-h" className="card quiz-state">
      <h2 id="quiz-state-h">{l.yourQuizState}</h2>
      {e.attemptsUsed === 0 ? (
        <p>{l.noAttemptsYet}</p>
      ) : (
        <>
          {e.bestScore !== null && <p>{l.bestResult(num(e.bestScore, locale))}</p>}
          {!e.awaitingGradingAttemptId && <p>{e.quizPassed ? <strong className="done">✓ {l.passed}</strong> : l.notPassedYet}</p>}
          <p>{l.attemptsUsed(num(e.attemptsUsed, locale), num(maxAttempts, locale))}</p>
        </>
      )}
      {e.certificateCode && <CertificateLinks code={e.certificateCode} />}
      {e.attemptsUsed > 0 && (
        <p>
          <Link to={`/learn/${courseId}/results`}>{l.seeResults}</Link>
        </p>
      )}
    </section>
  );
}

/** `/learn/:courseId/quiz`: starts or resumes an attempt, shows a countdown, submits once, shows the result. */
export function QuizPage() {
  const { courseId = '' } = useParams();
  const l = useL();
  const locale = useLocale();
  usePageTitle(l.quizTitle);
  const { session } = useApp();
  const course = useLoad<CourseDetail>(`/api/v1/elearning/courses/${courseId}`);
  const [attempt, setAttemptState] = useState<AttemptView | null>(null);
  const [restored, setRestored] = useState(false);
  const [deadline, setDeadline] = useState(0);
  // Locked at zero: the answers given so far are kept here and sent (again, on retry) as they were.
  const [locked, setLocked] = useState<AnswerInput[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const sending = useRef(false);
  const setAttempt = (a: AttemptView) => {
    setDeadline(Date.now() + a.secondsLeft * 1000 - AUTO_SUBMIT_EARLY_MS);
    setAttemptState(a);
  };
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One "start" request at a time: a double click starts (or resumes) one attempt.
  const starting = usePending();
  const enrolmentId = course.data?.enrolment?.id;
  const openAttemptId = course.data?.enrolment ? course.data.enrolment.openAttemptId : undefined;
  // Drafts of attempts that are no longer open (submitted on another page, expired) are removed from the device.
  useEffect(() => {
    if (openAttemptId !== undefined) clearQuizDrafts(openAttemptId);
  }, [openAttemptId]);
  // A resumed attempt gets back the answers kept on this device (browser Back/Forward, reload).
  const attemptId = attempt?.status === 'open' ? attempt.id : null;
  useEffect(() => {
    if (!attemptId || !attempt || !formRef.current) return;
    const draft = loadQuizDraft(attemptId);
    const filled = draft !== null && fillQuizForm(formRef.current, attempt.questions, draft);
    // Kept again as a whole: filling fires input events midway (a text answer), which saved a partial form.
    if (filled) saveQuizDraft(attemptId, answersFrom(formRef.current, attempt.questions));
    setRestored(filled);
    // Only when another attempt is shown: `attempt` changes identity on every state update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attemptId]);
  function keepDraft() {
    if (attempt?.status === 'open' && formRef.current && locked === null) saveQuizDraft(attempt.id, answersFrom(formRef.current, attempt.questions));
  }
  async function send(answers: AnswerInput[]) {
    if (!attempt || sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    try {
      const submitted = attempt.id;
      setAttempt(await post<AttemptView>(`/api/v1/elearning/attempts/${submitted}/submit`, { answers }));
      clearQuizDrafts();
      course.reload();
    } catch (err) {
      setError(err);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }
  /** Time is up: lock the form (read the answers first: disabled fields are not part of a form's data) and submit them. */
  function timeUp() {
    if (!attempt || attempt.status !== 'open' || !formRef.current) return;
    const answers = locked ?? answersFrom(formRef.current, attempt.questions);
    setLocked(answers);
    void send(answers);
  }
  function start() {
    return starting.run(async () => {
      setError(null);
      try {
        setAttempt(await post<AttemptView>(`/api/v1/elearning/enrolments/${enrolmentId}/attempts`));
      } catch (err) {
        setError(err);
      }
    });
  }
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!attempt || busy) return;
    void send(locked ?? answersFrom(e.currentTarget, attempt.questions));
  }
  if (course.error) return <ProblemAlert error={course.error} />;
  if (!course.data) return <p aria-live="polite">…</p>;
  const c = course.data;
  return (
    <>
      <p className="hint">
        <Link to={`/courses/${courseId}`}>{c.title[locale]}</Link>
      </p>
      <h1>{l.quizTitle}</h1>
      <p>{l.quiz(Math.min(c.quiz.questionCount, c.quiz.bankSize), Math.round(c.quiz.timeLimitSeconds / 60), c.quiz.passPercent, c.quiz.maxAttempts)}</p>
      <ProblemAlert error={error} />
      {!attempt && c.enrolment?.awaitingGradingAttemptId && <QuizResultsNote courseId={courseId} enrolment={c.enrolment} />}
      {!attempt && c.enrolment && <QuizState courseId={courseId} e={c.enrolment} maxAttempts={c.quiz.maxAttempts} />}
      {!attempt && c.enrolment && <AttemptsUsedUp e={c.enrolment} maxAttempts={c.quiz.maxAttempts} withBest={false} />}
      {!attempt && enrolmentId && c.enrolment && canTakeQuiz(c.enrolment, c.quiz.maxAttempts) && (
        <>
          {!c.enrolment.openAttemptId && <p>{l.attemptsLeft(c.quiz.maxAttempts - c.enrolment.attemptsUsed)}</p>}
          <p>
            <BusyButton className="btn btn-primary" busy={starting.pending} onClick={() => void start()}>
              {c.enrolment.openAttemptId ? l.resumeQuiz : l.takeQuiz}
            </BusyButton>
          </p>
        </>
      )}
      {!c.enrolment &&
        (session?.kind === 'citizen' ? (
          <EnrolFirst courseId={courseId} />
        ) : (
          <p>
            <Link className="button" to={`/sign-in?next=${encodeURIComponent(`/learn/${courseId}/quiz`)}`}>
              {l.signInForQuiz}
            </Link>
          </p>
        ))}
      {attempt?.status === 'open' && (
        <form onSubmit={submit} ref={formRef} onChange={keepDraft}>
          {restored && <p role="status">{l.answersRestored}</p>}
          <Countdown deadline={deadline} onTimeUp={timeUp} key={attempt.id} />
          <fieldset disabled={locked !== null} className="quiz-questions">
            <legend className="visually-hidden">{l.quizTitle}</legend>
            {attempt.questions.map((q, i) => (
              <QuestionField key={q.id} q={q} index={i} />
            ))}
          </fieldset>
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {l.submitQuiz}
          </BusyButton>
        </form>
      )}
      {attempt?.status === 'awaiting_grading' && <AwaitingGrading attempt={attempt} courseId={courseId} />}
      {attempt && attempt.status !== 'open' && attempt.status !== 'awaiting_grading' && (
        <section role="status">
          <p>
            <strong>{l.score(num(attempt.scorePercent ?? 0, locale))}</strong> — {attempt.passed ? l.passed : l.failed}
          </p>
          {attempt.enrolment && <p>{l.attemptsUsed(num(attempt.enrolment.attemptsUsed, locale), num(c.quiz.maxAttempts, locale))}</p>}
          <p>
            <Link to={`/learn/${courseId}/results`}>{l.seeResults}</Link>
          </p>
          {attempt.enrolment?.certificateCode && (
            <>
              <p>{l.courseDone}</p>
              <CertificateLinks code={attempt.enrolment.certificateCode} />
            </>
          )}
        </section>
      )}
      {attempt?.passed && !attempt.enrolment?.certificateCode && <LazyCourseSessions courseId={courseId} />}
    </>
  );
}

/** `/my-learning`: the trainee's courses with progress, Resume, and certificates (code, /verify, PDF). */
export function MyLearningPage() {
  const l = useL();
  const locale = useLocale();
  usePageTitle(l.myLearning);
  const { data, error } = useLoad<MyEnrolment[]>('/api/v1/elearning/my');
  return (
    <>
      <h1>{l.myLearning}</h1>
      <p className="lead">{l.myLearningLead}</p>
      <LazyMyUpcomingSessions />
      <ProblemAlert error={error} />
      {data?.length === 0 && (
        <p>
          {l.noEnrolments} <Link to="/courses">{l.catalogue}</Link>
        </p>
      )}
      <ul className="plain-list">
        {data?.map(({ course, enrolment }) => (
          <li key={enrolment.id} className="card">
            <h2>
              <Link to={`/courses/${course.id}`}>{course.title[locale]}</Link>
            </h2>
            <Progress percent={enrolment.progressPercent} />
            {enrolment.certificateCode ? (
              <CertificateLinks code={enrolment.certificateCode} />
            ) : (
              enrolment.resumeLessonId && <Link to={`/learn/${course.id}/${enrolment.resumeLessonId}`}>{l.resume}</Link>
            )}
            {!enrolment.certificateCode && <QuizResultsNote courseId={course.id} enrolment={enrolment} />}
          </li>
        ))}
      </ul>
    </>
  );
}
