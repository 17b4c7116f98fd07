/**
 * E-learning reports (issue 6 §9): per course and per centre — enrolments, completion rate, average score,
 * attendance of live sessions, attempts awaiting grading — for the training staff, scoped by role
 * (OWASP ASVS 5.0 8.2.2, object-level authorisation):
 * - trainer: the courses they created (no per-centre table);
 * - training-centre manager: every course of their centre, and the centre's totals;
 * - HQ training: every centre, or one (`centre`).
 * Naming another centre than one's own: 403 `out_of_scope`; any other role: 403 `forbidden`.
 *
 * Definitions (also in the contract): completion rate = completed / enrolments × 100; average score =
 * mean over trainees of their best finalised (graded) quiz score, over trainees with one; attendance =
 * attended / booked seats of live sessions that have started (active bookings of sessions not cancelled).
 * Rates have one decimal and are null when their base is 0. Attendance is null for every row when the
 * virtual-classroom tables (0021) are absent (`attendanceAvailable: false`).
 */
import type { CentreReportRow, CourseReportRow, CourseStatus, ElearningReport, ElearningReportQuery, ElearningReportTable, ExportLang } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { StaffPrincipal } from '../../platform/auth/principal.ts';
import * as repo from './reports.repository.ts';

export type ReportsDeps = Pick<AppDeps, 'db' | 'clock'>;

const DAY = 86_400_000;

/** x / base × 100 with one decimal; null when the base is 0. */
function rate(x: number, base: number): number | null {
  return base > 0 ? Math.round((1000 * x) / base) / 10 : null;
}

function resolve(staff: StaffPrincipal, q: ElearningReportQuery): { scope: ElearningReport['scope']; filter: Omit<repo.ReportFilter, 'from' | 'to'> } {
  if (staff.role === 'training_hq') return { scope: 'all', filter: { centreId: q.centre ?? null, createdBy: null } };
  if (staff.role !== 'trainer' && staff.role !== 'training_centre_manager') throw new AppError('forbidden');
  if (!staff.trainingCentreId) throw new AppError('forbidden');
  if (q.centre && q.centre !== staff.trainingCentreId) throw new AppError('out_of_scope');
  return staff.role === 'trainer'
    ? { scope: 'trainer', filter: { centreId: staff.trainingCentreId, createdBy: staff.staffId } }
    : { scope: 'centre', filter: { centreId: staff.trainingCentreId, createdBy: null } };
}

interface Sums {
  enrolments: number;
  completed: number;
  score_sum: number;
  scored: number;
  awaiting: number;
  booked: number;
  attended: number;
}

function measures(s: Sums, attendance: boolean) {
  return {
    enrolments: s.enrolments,
    completed: s.completed,
    completionRate: rate(s.completed, s.enrolments),
    averageScore: s.scored > 0 ? Math.round((10 * s.score_sum) / s.scored) / 10 : null,
    scoredTrainees: s.scored,
    awaitingGrading: s.awaiting,
    attendanceRate: attendance ? rate(s.attended, s.booked) : null,
  };
}

/**
 * The report of the caller's scope over enrolments made in [from, to] (dates, inclusive; open-ended when
 * omitted). 400 `validation_failed` when `to` is before `from` or `centre` is not a training centre.
 */
export async function elearningReport(deps: ReportsDeps, staff: StaffPrincipal, q: ElearningReportQuery): Promise<ElearningReport> {
  const { scope, filter: base } = resolve(staff, q);
  if (q.from && q.to && q.from > q.to) throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/to', code: 'invalid_value', message: { ar: 'تاريخ النهاية قبل تاريخ البداية.', en: 'The end date is before the start date.' } }] });
  const filter: repo.ReportFilter = { ...base, from: q.from ? new Date(`${q.from}T00:00:00Z`) : null, to: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY) : null };
  const centres = scope === 'trainer' ? [] : await repo.centres(deps.db, filter.centreId);
  if (scope === 'all' && filter.centreId && centres.length === 0) {
    throw new AppError('validation_failed', { fieldErrors: [{ pointer: '/centre', code: 'invalid_value', message: { ar: 'اختر مركز تدريب موجودًا.', en: 'Choose an existing training centre.' } }] });
  }
  // Sequential: PGlite serves one query at a time anyway.
  const courses = await repo.courseAggregates(deps.db, filter);
  const attendanceAvailable = await repo.hasAttendance(deps.db);
  const attendance = new Map((attendanceAvailable ? await repo.attendanceAggregates(deps.db, filter, deps.clock()) : []).map((a) => [a.course_id, a]));

  const courseRows: CourseReportRow[] = [];
  const byCentre = new Map<string, Sums & { courses: number }>();
  for (const c of courses) {
    const att = attendance.get(c.course_id);
    const sums: Sums = { ...c, booked: att?.booked ?? 0, attended: att?.attended ?? 0 };
    courseRows.push({
      courseId: c.course_id,
      title: { ar: c.title_ar, en: c.title_en },
      centreId: c.centre_id,
      centreCode: c.centre_code,
      centreName: { ar: c.centre_ar, en: c.centre_en },
      status: c.status,
      ...measures(sums, attendanceAvailable),
    });
    const t = byCentre.get(c.centre_id) ?? { courses: 0, enrolments: 0, completed: 0, score_sum: 0, scored: 0, awaiting: 0, booked: 0, attended: 0 };
    for (const k of ['enrolments', 'completed', 'score_sum', 'scored', 'awaiting', 'booked', 'attended'] as const) t[k] += sums[k];
    t.courses += 1;
    byCentre.set(c.centre_id, t);
  }
  const centreRows: CentreReportRow[] = centres.map((tc) => {
    const t = byCentre.get(tc.id) ?? { courses: 0, enrolments: 0, completed: 0, score_sum: 0, scored: 0, awaiting: 0, booked: 0, attended: 0 };
    return { centreId: tc.id, centreCode: tc.code, centreName: { ar: tc.name_ar, en: tc.name_en }, courses: t.courses, ...measures(t, attendanceAvailable) };
  });
  return { scope, from: q.from ?? null, to: q.to ?? null, attendanceAvailable, courses: courseRows, centres: centreRows };
}

/** A CSV cell; text starting with = + - @ (a spreadsheet formula) is prefixed with ' (OWASP CSV injection). */
const cell = (v: string | number | null): string => {
  const s = v === null ? '' : typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

type Label = { ar: string; en: string };
/** Column headers of the CSV exports (the words of the reports page, apps/web/src/pages/elearning/grading-strings.ts). */
const COL = {
  course: { ar: 'الدورة', en: 'Course' },
  centre: { ar: 'مركز التدريب', en: 'Training centre' },
  centreCode: { ar: 'رمز المركز', en: 'Centre code' },
  status: { ar: 'حالة الدورة', en: 'Course status' },
  courses: { ar: 'عدد الدورات', en: 'Courses' },
  enrolments: { ar: 'المسجلون', en: 'Enrolled' },
  completed: { ar: 'أتمّوا', en: 'Completed' },
  completionRate: { ar: 'نسبة الإتمام (٪)', en: 'Completion rate (%)' },
  averageScore: { ar: 'متوسط الدرجة (٪)', en: 'Average score (%)' },
  scored: { ar: 'متدربون لهم درجة', en: 'Trainees with a score' },
  awaiting: { ar: 'محاولات تنتظر التصحيح', en: 'Attempts awaiting grading' },
  attendanceRate: { ar: 'نسبة الحضور (٪)', en: 'Attendance rate (%)' },
  courseId: { ar: 'معرّف الدورة', en: 'Course ID' },
} satisfies Record<string, Label>;

/** Course statuses as the staff read them (apps/web/src/pages/elearning/strings.ts STATUS_NAMES). */
const STATUS: Partial<Record<string, Label>> = {
  draft: { ar: 'مسودة', en: 'Draft' },
  submitted: { ar: 'مقدمة للاعتماد', en: 'Submitted' },
  published: { ar: 'منشورة', en: 'Published' },
  returned: { ar: 'مُعادة للمركز', en: 'Returned' },
} satisfies Record<CourseStatus, Label>;

const MEASURE_HEAD = [COL.enrolments, COL.completed, COL.completionRate, COL.averageScore, COL.scored, COL.awaiting, COL.attendanceRate];
const measureCells = (r: CourseReportRow | CentreReportRow) => [r.enrolments, r.completed, r.completionRate, r.averageScore, r.scoredTrainees, r.awaitingGrading, r.attendanceRate];

/**
 * One table of the report as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs read the Arabic, CRLF),
 * as the dashboards' CSV does (dashboards.service.ts dashboardCsv): `lang` (default `ar`) picks the language of
 * the header row and of the labels — course titles, centre names and course statuses are written in that
 * language; centre codes and course ids stay as they are (identifiers people search by). Numbers stay in
 * ASCII digits (rates and scores in percent, one decimal) so spreadsheets read them as numbers; empty cells
 * for null. Columns: courses = course, training centre, centre code, course status, the measures, course id;
 * centres = training centre, centre code, courses, the measures. Measures: enrolled, completed, completion
 * rate, average score, trainees with a score, attempts awaiting grading, attendance rate. Errors as
 * elearningReport.
 */
export async function elearningReportCsv(deps: ReportsDeps, staff: StaffPrincipal, q: ElearningReportQuery & { table: ElearningReportTable; lang?: ExportLang }): Promise<string> {
  const d = await elearningReport(deps, staff, q);
  const lang = q.lang ?? 'ar';
  const t: { head: Label[]; rows: (string | number | null)[][] } =
    q.table === 'courses'
      ? {
          head: [COL.course, COL.centre, COL.centreCode, COL.status, ...MEASURE_HEAD, COL.courseId],
          rows: d.courses.map((r) => [r.title[lang], r.centreName[lang], r.centreCode, STATUS[r.status]?.[lang] ?? r.status, ...measureCells(r), r.courseId]),
        }
      : { head: [COL.centre, COL.centreCode, COL.courses, ...MEASURE_HEAD], rows: d.centres.map((r) => [r.centreName[lang], r.centreCode, r.courses, ...measureCells(r)]) };
  return '\uFEFF' + [t.head.map((h) => h[lang]), ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
