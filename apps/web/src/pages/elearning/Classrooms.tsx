import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CourseLiveSessions, JoinResult, LiveSessionView, MyLiveSession, SessionAttendance, StaffCourseLiveSessions, StaffLiveSession } from '@rabt/contracts';
import { api, del, post } from '../../api/client.ts';
import { BusyButton, Field, Notice, ProblemAlert, TableWrap, formValues } from '../../ui/forms.tsx';
import { useLoad, useLocale, usePageTitle, usePending } from '../../ui/hooks.ts';
import { RequireStaff } from '../../ui/RequireStaff.tsx';
import { num } from './strings.ts';
import { sessionTime, useC } from './classrooms-strings.ts';

/**
 * Virtual classrooms (issue 6 §5) in the web app: the trainer's sessions page (schedule, cancel, attendance,
 * recordings, the "sessions to attend" setting), the trainee's sessions on a course page (book, cancel,
 * join, recordings), the trainee's upcoming sessions, and the room page `/classroom/:id` that a join link
 * opens (built-in room; a BigBlueButton link is followed instead).
 */

const TRAINING_ROLES = ['trainer', 'training_centre_manager', 'training_hq'] as const;

/**
 * Runs an API action; keeps its error, a done flag and busy. One action at a time (usePending): a second
 * click while one runs (a double click) sends nothing and answers false.
 */
function useRun() {
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const { pending: busy, run: runOnce } = usePending();
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    let ok = false;
    await runOnce(async () => {
      setError(null);
      setDone(false);
      try {
        await fn();
        setDone(true);
        ok = true;
      } catch (err) {
        setError(err);
      }
    });
    return ok;
  }
  return { error, done, busy, run };
}

function StatusText({ s }: { s: Pick<StaffLiveSession, 'cancelled' | 'ended' | 'joinOpen'> }) {
  const c = useC();
  return <strong>{s.cancelled ? c.cancelled : s.ended ? c.ended : s.joinOpen ? c.openNow : c.upcoming}</strong>;
}

// ---------------- Trainer ----------------

/** `/training/courses/:id/sessions`: the course's live sessions for its trainers (and HQ training, read-only). */
export function TrainingSessionsPage() {
  const c = useC();
  usePageTitle(c.sessions);
  return <RequireStaff roles={TRAINING_ROLES} title={c.sessions}>{() => <TrainerSessions />}</RequireStaff>;
}

function TrainerSessions() {
  const { id = '' } = useParams();
  const c = useC();
  const locale = useLocale();
  const { data, error, reload } = useLoad<StaffCourseLiveSessions>(`/api/v1/training/courses/${id}/live-sessions`);
  const action = useRun();
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <p aria-live="polite">…</p>;
  function submit(fn: (v: Record<string, string>) => Promise<unknown>) {
    return (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      const v = formValues(form);
      void action.run(() => fn(v)).then((ok) => {
        if (ok) {
          form.reset();
          reload();
        }
      });
    };
  }
  return (
    <>
      <p className="hint">
        <Link to={`/training/courses/${id}`}>{c.backToCourse}</Link>
      </p>
      <h1>{c.sessionsOf(data.courseTitle[locale])}</h1>
      <p className="hint">{data.conferencing === 'bbb' ? c.bbbNote : c.builtinNote}</p>
      <ProblemAlert error={action.error} />
      {action.done && <p role="status">{c.saved}</p>}
      <p>{c.required(num(data.requiredSessionsAttended, locale))}</p>
      {data.settingsEditable && (
        <form className="training-form" onSubmit={submit((v) => api('PUT', `/api/v1/training/courses/${id}/live-sessions/settings`, { requiredSessionsAttended: v.requiredSessionsAttended }))}>
          <Field name="requiredSessionsAttended" idPrefix="req" label={c.requiredField} hint={c.requiredHint} inputMode="numeric" required defaultValue={num(data.requiredSessionsAttended, locale)} key={data.requiredSessionsAttended} />
          <button type="submit" disabled={action.busy}>
            {c.save}
          </button>
        </form>
      )}
      {data.canManage && (
        <section aria-labelledby="schedule-h">
          <h2 id="schedule-h">{c.schedule}</h2>
          <form
            className="training-form"
            onSubmit={submit((v) =>
              post(`/api/v1/training/courses/${id}/live-sessions`, { titleAr: v.titleAr, titleEn: v.titleEn, startsAt: v.startsAt ? new Date(v.startsAt).toISOString() : '', durationMinutes: v.durationMinutes, capacity: v.capacity }),
            )}
          >
            <Field name="titleAr" idPrefix="ls" label={c.titleAr} required />
            <Field name="titleEn" idPrefix="ls" label={c.titleEn} required dir="ltr" />
            <Field name="startsAt" idPrefix="ls" label={c.startsAt} type="datetime-local" required />
            <Field name="durationMinutes" idPrefix="ls" label={c.duration} inputMode="numeric" required defaultValue={num(60, locale)} />
            <Field name="capacity" idPrefix="ls" label={c.capacity} inputMode="numeric" required defaultValue={num(30, locale)} />
            <button type="submit" disabled={action.busy}>
              {c.create}
            </button>
          </form>
        </section>
      )}
      <section aria-labelledby="sessions-h">
        <h2 id="sessions-h">{c.sessions}</h2>
        {data.sessions.length === 0 && <p>{c.none}</p>}
        <ul className="plain-list">
          {data.sessions.map((s) => (
            <li key={s.id} className="card">
              <TrainerSessionCard s={s} canManage={data.canManage} bbb={data.conferencing === 'bbb'} onChange={reload} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function TrainerSessionCard({ s, canManage, bbb, onChange }: { s: StaffLiveSession; canManage: boolean; bbb: boolean; onChange: () => void }) {
  const c = useC();
  const locale = useLocale();
  const action = useRun();
  const act = (fn: () => Promise<unknown>) => void action.run(fn).then((ok) => ok && onChange());
  return (
    <>
      <h3>{s.title[locale]}</h3>
      <p>
        {sessionTime(s.startsAt, locale)} · {c.minutes(s.durationMinutes)} · <StatusText s={s} />
      </p>
      <p className="hint">
        {c.seats(num(s.booked, locale), s.capacity)} · {c.attendedCount(num(s.attended, locale))}
      </p>
      {s.recordingUrl && (
        <p>
          <a href={s.recordingUrl} rel="noopener noreferrer" target="_blank">
            {c.watchRecording}
          </a>
        </p>
      )}
      <ProblemAlert error={action.error} />
      <div className="actions">
        {canManage && s.joinOpen && <Link to={`/classroom/${s.id}`}>{c.openRoom}</Link>}
        {canManage && !s.started && !s.cancelled && (
          <BusyButton className="btn btn-secondary" onClick={() => act(() => post(`/api/v1/training/live-sessions/${s.id}/cancel`))} busy={action.busy}>
            {c.cancelSession}
          </BusyButton>
        )}
      </div>
      {!s.cancelled && (
        <details>
          <summary>
            {c.attendance} — {s.title[locale]}
          </summary>
          <AttendanceEditor sessionId={s.id} canManage={canManage} onChange={onChange} />
        </details>
      )}
      {canManage && s.started && !s.cancelled && (
        <form
          className="training-form"
          onSubmit={(e) => {
            e.preventDefault();
            const url = formValues(e.currentTarget).url ?? '';
            act(() => api('PUT', `/api/v1/training/live-sessions/${s.id}/recording`, { url }));
          }}
        >
          <Field name="url" idPrefix={`rec-${s.id}`} label={c.recording} type="url" dir="ltr" required defaultValue={s.recordingUrl ?? ''} />
          <div className="actions">
            <button type="submit" disabled={action.busy}>
              {c.linkRecording}
            </button>
            {bbb && (
              <button type="button" onClick={() => act(() => post(`/api/v1/training/live-sessions/${s.id}/recording/fetch`))} disabled={action.busy}>
                {c.fetchRecording}
              </button>
            )}
          </div>
        </form>
      )}
    </>
  );
}

function AttendanceEditor({ sessionId, canManage, onChange }: { sessionId: string; canManage: boolean; onChange: () => void }) {
  const c = useC();
  const locale = useLocale();
  const { data, error, reload } = useLoad<SessionAttendance>(`/api/v1/training/live-sessions/${sessionId}/attendance`);
  const action = useRun();
  if (error) return <ProblemAlert error={error} />;
  if (!data) return <p aria-live="polite">…</p>;
  if (data.bookings.length === 0) return <p>{c.noBookings}</p>;
  const editable = canManage && data.session.started;
  function save(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const marks = data!.bookings.map((b) => ({ bookingId: b.bookingId, attended: f.get(`att-${b.bookingId}`) === 'on' }));
    void action.run(() => api('PUT', `/api/v1/training/live-sessions/${sessionId}/attendance`, { marks })).then((ok) => {
      if (ok) {
        reload();
        onChange();
      }
    });
  }
  return (
    <form onSubmit={save}>
      <TableWrap label={c.attendance}>
        <table>
          <thead>
            <tr>
              <th scope="col">{c.trainee}</th>
              <th scope="col">{c.joinedAt}</th>
              <th scope="col">{c.attended}</th>
            </tr>
          </thead>
          <tbody>
            {data.bookings.map((b) => (
              <tr key={b.bookingId}>
                <td>{b.trainee[locale]}</td>
                <td>{b.joinedAt ? sessionTime(b.joinedAt, locale) : c.notJoined}</td>
                <td>
                  <label className="choice">
                    <input type="checkbox" name={`att-${b.bookingId}`} defaultChecked={b.attended} disabled={!editable} aria-label={`${c.attended}: ${b.trainee[locale]}`} /> {c.attended}
                    {b.markedByTrainer && <span className="hint"> ({c.byTrainer})</span>}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <ProblemAlert error={action.error} />
      {action.done && <p role="status">{c.saved}</p>}
      {editable ? (
        <button type="submit" disabled={action.busy}>
          {c.saveAttendance}
        </button>
      ) : (
        canManage && <p className="hint">{c.attendanceAfterStart}</p>
      )}
    </form>
  );
}

// ---------------- Trainee ----------------

/** The live sessions block of a course page: the requirement, each session with Book / Cancel / Join / Recording. */
export function CourseSessions({ courseId }: { courseId: string }) {
  const c = useC();
  const locale = useLocale();
  const { data, reload } = useLoad<CourseLiveSessions>(`/api/v1/elearning/courses/${courseId}/live-sessions`);
  const action = useRun();
  if (!data || (data.sessions.length === 0 && data.requiredSessionsAttended === 0)) return null;
  const act = (fn: () => Promise<unknown>) => void action.run(fn).then((ok) => ok && reload());
  const visible = data.sessions.filter((s) => !s.cancelled || s.booking);
  return (
    <section aria-labelledby="live-h" className="live-sessions">
      <h2 id="live-h">{c.sessions}</h2>
      {data.requiredSessionsAttended > 0 && <p>{c.requirement(data.requiredSessionsAttended, num(data.attendedCount, locale))}</p>}
      {!data.enrolled && <p className="hint">{c.enrolToBook}</p>}
      <ProblemAlert error={action.error} />
      {visible.length === 0 && <p>{c.none}</p>}
      <ul className="plain-list">
        {visible.map((s) => (
          <li key={s.id} className="card">
            <TraineeSession s={s} enrolled={data.enrolled} busy={action.busy} act={act} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The trainee's status line: "الدخول متاح الآن" only for someone who can join now (an active booking in the
 * join window); a running session without a booking reads "in progress".
 */
function TraineeStatus({ s }: { s: LiveSessionView }) {
  const c = useC();
  const text = s.cancelled ? c.cancelled : s.ended ? c.ended : s.joinOpen && s.booking ? c.openNow : s.started ? c.inProgress : c.upcoming;
  return <strong>{text}</strong>;
}

function TraineeSession({ s, enrolled, busy, act }: { s: LiveSessionView; enrolled: boolean; busy: boolean; act: (fn: () => Promise<unknown>) => void }) {
  const c = useC();
  const locale = useLocale();
  const navigate = useNavigate();
  const beforeStart = !s.started;
  // Seats are bookable until the session ends (the server refuses after: live_session_ended).
  const bookable = enrolled && !s.cancelled && !s.booking && !s.ended;
  return (
    <>
      <h3>{s.title[locale]}</h3>
      <p>
        {sessionTime(s.startsAt, locale)} · {c.minutes(s.durationMinutes)} · <TraineeStatus s={s} />
      </p>
      {!s.cancelled && !s.ended && <p className="hint">{c.seatsLeft(num(s.seatsLeft, locale))}</p>}
      <div className="actions">
        {s.booking && !s.ended && <span className="done">✓ {c.booked}</span>}
        {s.booking?.attended && <span className="done">✓ {c.youAttended}</span>}
        {bookable && s.seatsLeft === 0 && <span className="hint">{s.started ? c.fullStarted : c.fullBefore}</span>}
        {bookable && s.seatsLeft > 0 && s.joinOpen && (
          <BusyButton
            className="btn btn-primary"
            onClick={() =>
              act(async () => {
                await post(`/api/v1/elearning/live-sessions/${s.id}/booking`);
                await navigate(`/classroom/${s.id}`);
              })
            }
            busy={busy}
          >
            {c.bookAndJoin}
          </BusyButton>
        )}
        {bookable && s.seatsLeft > 0 && !s.joinOpen && (
          <BusyButton className="btn btn-primary" onClick={() => act(() => post(`/api/v1/elearning/live-sessions/${s.id}/booking`))} busy={busy}>
            {c.book}
          </BusyButton>
        )}
        {s.booking && beforeStart && (
          <BusyButton className="btn btn-secondary" onClick={() => act(() => del(`/api/v1/elearning/live-sessions/${s.id}/booking`))} busy={busy}>
            {c.cancelBooking}
          </BusyButton>
        )}
        {s.booking && s.joinOpen && (
          <Link to={`/classroom/${s.id}`} className="join-link">
            {c.join}
          </Link>
        )}
        {s.booking && beforeStart && !s.joinOpen && <span className="hint">{c.joinOpens(sessionTime(s.joinOpensAt, locale))}</span>}
        {s.recordingUrl && (
          <a href={s.recordingUrl} rel="noopener noreferrer" target="_blank">
            {c.watchRecording}
          </a>
        )}
      </div>
    </>
  );
}

/** The trainee's upcoming booked sessions (on "my learning"). Renders nothing when there are none. */
export function MyUpcomingSessions() {
  const c = useC();
  const locale = useLocale();
  const { data } = useLoad<MyLiveSession[]>('/api/v1/elearning/my/live-sessions');
  if (!data || data.length === 0) return null;
  return (
    <section aria-labelledby="my-live-h">
      <h2 id="my-live-h">{c.myUpcoming}</h2>
      <ul className="plain-list">
        {data.map(({ course, session }) => (
          <li key={session.id} className="card">
            <h3>{session.title[locale]}</h3>
            <p>
              {sessionTime(session.startsAt, locale)} · <Link to={`/courses/${course.id}`}>{course.title[locale]}</Link>
            </p>
            {session.joinOpen && <Link to={`/classroom/${session.id}`}>{c.join}</Link>}
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------- The room ----------------

/**
 * `/classroom/:id`: the link a join issues. Opening it joins (the server checks the booking and the window
 * and records attendance). Built-in room: the session's details, with an honest note that it carries no
 * audio or video. BigBlueButton: the browser is sent on to the signed BBB join URL.
 */
export function ClassroomPage() {
  const { id = '' } = useParams();
  const c = useC();
  const locale = useLocale();
  const [room, setRoom] = useState<JoinResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  usePageTitle(room ? room.session.title[locale] : c.room);
  useEffect(() => {
    let live = true;
    post<JoinResult>(`/api/v1/live-sessions/${id}/join`).then(
      (r) => {
        if (!live) return;
        setRoom(r);
        if (r.conferencing === 'bbb') window.location.assign(r.joinUrl);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (error) {
    return (
      <>
        <h1>{c.room}</h1>
        <ProblemAlert error={error} />
        <p>
          <Link to="/my-learning">{c.myLearning}</Link>
        </p>
      </>
    );
  }
  if (!room) return <p aria-live="polite">{c.joining}</p>;
  return (
    <>
      <p className="hint">
        {c.course}: <Link to={room.role === 'trainer' ? `/training/courses/${room.course.id}/sessions` : `/courses/${room.course.id}`}>{room.course.title[locale]}</Link> · {room.course.centre[locale]}
      </p>
      <h1>{room.session.title[locale]}</h1>
      <p>
        {sessionTime(room.session.startsAt, locale)} · {c.minutes(room.session.durationMinutes)}
      </p>
      {room.conferencing === 'bbb' ? (
        <>
          <p role="status">{c.redirecting}</p>
          <p>
            <a href={room.joinUrl}>{c.openBbb}</a>
          </p>
        </>
      ) : (
        <>
          <Notice>{room.role === 'trainer' ? c.trainerInRoom : c.attendanceRecorded}</Notice>
          <p className="room-note">{c.roomHonest}</p>
          <p>{c.participants(num(room.participantsJoined, locale))}</p>
        </>
      )}
      {room.certificateCode && (
        <p>
          {c.certificateIssued} <bdi dir="ltr" className="code">{room.certificateCode}</bdi> · <Link to={`/verify/${room.certificateCode}`}>{c.verify}</Link> · <Link to="/my-learning">{c.myLearning}</Link>
        </p>
      )}
    </>
  );
}
