/**
 * Arabic (and English) SMS reminders of booked live sessions (issue 6 §5), sent through the notifier the
 * e-services use (outbox in development, SMTP-to-SMS gateway in production): 24 hours and 1 hour before
 * the start. Each (booking, kind) is claimed in live_session_reminders before sending, so a reminder goes
 * out at most once even with several API processes; a claim whose SMS the notifier refuses is released and
 * retried on the next run. A process crash between the claim and the send loses that one SMS (at most once,
 * never twice). When both are due at once (a node that was down), only the nearer "1 hour" one is sent.
 */
import type { AppDeps } from '../../http/context.ts';
import { cairoTime } from './classrooms.service.ts';
import * as repo from './classrooms.repository.ts';

const HOUR = 3_600_000;

/** Reminder kinds, nearest first: each is due from `leadMs` before the start until the next kind's lead. */
export const REMINDERS = [
  { kind: '1h', leadMs: HOUR, nextLeadMs: 0 },
  { kind: '24h', leadMs: 24 * HOUR, nextLeadMs: HOUR },
] as const;

export type ReminderDeps = Pick<AppDeps, 'db' | 'clock' | 'notifier' | 'config'>;

/** The reminder text: no personal data beyond the course and session titles and the time. */
export function reminderSms(kind: '24h' | '1h', r: Pick<repo.DueReminder, 'course_title_ar' | 'course_title_en' | 'title_ar' | 'title_en' | 'starts_at'>, link: string): { bodyAr: string; bodyEn: string } {
  const when = cairoTime(r.starts_at);
  const soonAr = kind === '1h' ? 'تبدأ خلال ساعة' : 'تبدأ خلال ٢٤ ساعة';
  const soonEn = kind === '1h' ? 'starts within the hour' : 'starts within 24 hours';
  return {
    bodyAr: `ربط: تذكير — جلستك المباشرة «${r.title_ar}» في دورة «${r.course_title_ar}» ${soonAr}: ${when.ar} بتوقيت القاهرة. ادخل من صفحة الدورة قبل الموعد بربع ساعة: ${link}`,
    bodyEn: `Rabt: reminder — your live session "${r.title_en}" of the course "${r.course_title_en}" ${soonEn}: ${when.en} (Cairo time). Join from the course page from 15 minutes before: ${link}`,
  };
}

function courseLink(config: ReminderDeps['config'], courseId: string): string {
  const base = (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/$/, '');
  return `${base}/courses/${courseId}`;
}

/** One run of the reminder job at `deps.clock()`: sends every due reminder once. Returns how many SMS this run handed to the notifier. */
export async function sendDueReminders(deps: ReminderDeps, batch = 200): Promise<number> {
  const now = deps.clock();
  let sent = 0;
  for (const r of REMINDERS) {
    const due = await repo.dueReminders(deps.db, r.kind, now, r.leadMs, r.nextLeadMs, batch);
    for (const d of due) {
      // The claim commits on its own before the send: the notifier writes through the same pool (PGlite has one connection).
      if (!(await repo.claimReminder(deps.db, d.booking_id, r.kind, now))) continue;
      try {
        await deps.notifier.send({ channel: 'sms', to: d.mobile, ...reminderSms(r.kind, d, courseLink(deps.config, d.course_id)) });
        sent++;
      } catch {
        await repo.releaseReminder(deps.db, d.booking_id, r.kind);
      }
    }
  }
  return sent;
}

type LogFn = (level: 'error', obj: object, message: string) => void;

/** The periodic job (like the register's checkpoint timer): every CLASSROOM_REMINDER_INTERVAL_MS, never two runs at once. */
export class ClassroomReminderJob {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<unknown> | undefined;
  private log: LogFn = () => undefined;

  constructor(private readonly deps: ReminderDeps) {}

  setLogger(log: LogFn): void {
    this.log = log;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = (): void => {
      this.inFlight = sendDueReminders(this.deps)
        .catch((err: unknown) => this.log('error', { err }, 'classrooms: sending reminders failed'))
        .finally(() => {
          this.inFlight = undefined;
          if (this.running) this.timer = setTimeout(tick, this.deps.config.classrooms.reminderIntervalMs);
        });
    };
    this.timer = setTimeout(tick, this.deps.config.classrooms.reminderIntervalMs);
  }

  /** Stops the timer and waits for a run in progress (before the database closes). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }
}
