import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMPORT_COLUMN_LABELS, IMPORT_CSV_TYPE, IMPORT_REPORT_RESULT_LABELS, IMPORT_XLSX_TYPE, type EligibilityResult, type ImportIssues, type ImportJob, type ProblemDetails } from '@rabt/contracts';
import { makeNationalId, registerCitizen, signInStaff, type DemoStaff } from '../../testing/factories.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { createTestNode, testTargets, type TestNode } from '../../testing/test-node.ts';
import { waitFor } from '../../testing/federation-cluster.ts';

const API = '/api/v1';
const HEADER = ['register_number', 'national_id', 'name', 'registration_date', 'office_code', 'isco', 'qualification', 'experience_years'];

/** A sample paper register with deliberate errors; `ids` are national IDs made fresh per test node. */
function sampleRows(ids: { a: string; b: string; citizen: string }, base = 100): string[][] {
  const n = (k: number) => String(base + k);
  const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  return [
    [n(1), ids.a, 'محمود حسن علي', '2019-03-10', 'CAI-NASR', '7411', 'technical_secondary', '5'], // 2 imported
    [`${n(2)}/٢٠١٨`, ids.b, 'سارة محمد', '١٥/٦/٢٠١٨', 'CAI-NASR', '2512', 'بكالوريوس', '٣'], // 3 imported (Arabic digits, labels)
    [n(3), '29013011234567', 'رقم مستحيل', '2019-01-01', 'CAI-NASR', '7411', 'secondary', '1'], // 4 impossible national ID (month 13)
    [n(4), makeNationalId({ birth: '1992-02-02' }), 'تاريخ مستقبلي', future, 'CAI-NASR', '7411', 'secondary', '1'], // 5 future date
    [n(5), makeNationalId({ birth: '1991-05-05' }), 'مهنة مجهولة', '2019-01-01', 'CAI-NASR', '9999', 'secondary', '1'], // 6 unknown ISCO
    [n(6), makeNationalId({ birth: '1989-09-09' }), 'مكتب آخر', '2019-01-01', 'GIZ-GIZA', '7411', 'secondary', '1'], // 7 office out of scope
    [n(7), makeNationalId({ birth: '1993-03-03' }), '', '2019-01-01', 'CAI-NASR', '7411', 'secondary', '1'], // 8 missing name
    [n(1), ids.a, 'محمود حسن علي', '2019-03-10', 'CAI-NASR', '7411', 'technical_secondary', '5'], // 9 duplicate of row 2
    [n(8), ids.citizen, 'مواطن مسجل', '2017-11-20', '', '7112', 'preparatory', '10'], // 10 imported, linked (blank office = uploader's)
  ];
}

const EXPECTED: [number, string, string | null][] = [
  [2, 'imported', null],
  [3, 'imported', null],
  [4, 'error', 'national_id'],
  [5, 'error', 'registration_date'],
  [6, 'error', 'isco'],
  [7, 'error', 'office_code'],
  [8, 'error', 'name'],
  [9, 'already_imported', null],
  [10, 'imported', null],
];

const toCsv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

async function toXlsx(rows: string[][]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('السجل');
  // Arabic header names; the registration date of the first row as a real date cell.
  ws.addRow(['رقم القيد', 'الرقم القومي', 'الاسم', 'تاريخ القيد', 'كود المكتب', 'المهنة', 'المؤهل', 'سنوات الخبرة']);
  rows.forEach((r, i) => ws.addRow(i === 0 ? [r[0], r[1], r[2], new Date(`${r[3]}T00:00:00Z`), r[4], Number(r[5]), r[6], Number(r[7])] : r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The report CSV (Arabic by default: Arabic header, result and column names) parsed back to [row, result
 * code, column key] (reasons checked to be bilingual and non-empty where due).
 */
function parseReport(csv: string): [number, string, string | null][] {
  assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 BOM');
  const lines = csv.slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'الصف,النتيجة,الحقل,السبب بالعربية,السبب بالإنجليزية');
  const resultCode = new Map(Object.entries(IMPORT_REPORT_RESULT_LABELS).map(([code, l]) => [l.ar, code]));
  const columnKey = new Map(Object.entries(IMPORT_COLUMN_LABELS).map(([key, l]) => [l.ar, key]));
  return lines.slice(1).map((l) => {
    const [row, result, field, ar, en] = l.split(',');
    assert.ok(resultCode.has(result!), `row ${row}: result «${result}» is an Arabic label`);
    if (result !== IMPORT_REPORT_RESULT_LABELS.imported.ar) assert.ok(ar && en, `row ${row} has a bilingual reason`);
    if (field) assert.ok(columnKey.has(field), `row ${row}: column «${field}» is named in Arabic`);
    return [Number(row), resultCode.get(result!)!, field ? columnKey.get(field)! : null];
  });
}

for (const target of testTargets()) {
  describe(`legacy register import (${target})`, () => {
    let t: TestNode;
    let head: TestClient;
    before(async () => {
      t = await createTestNode(target);
      head = await staff('nasr.head');
    });
    after(() => t.close());

    async function staff(who: DemoStaff): Promise<TestClient> {
      const c = t.client();
      await signInStaff(t, c, who);
      return c;
    }
    async function upload(c: TestClient, body: string | Buffer, type: string, query = ''): Promise<{ status: number; job?: ImportJob; problem?: ProblemDetails }> {
      const res = await c.request('POST', `${API}/imports/employment-registrations${query}`, body, { 'content-type': type });
      if (res.statusCode !== 202) return { status: res.statusCode, problem: res.json<ProblemDetails>() };
      return { status: 202, job: res.json<ImportJob>() };
    }
    async function finished(c: TestClient, id: string): Promise<ImportJob> {
      let job: ImportJob | undefined;
      await waitFor(async () => {
        job = (await c.get(`${API}/imports/${id}`)).json<ImportJob>();
        return job.status === 'done' || job.status === 'failed';
      }, 'import finished');
      return job!;
    }
    async function registrations(): Promise<number> {
      const r = await t.node.database.db.selectFrom('employment_registrations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    }

    for (const format of ['csv', 'xlsx'] as const) {
      test(`${format}: a sample register with deliberate errors yields exactly the expected report; re-import is idempotent`, async () => {
        const citizenClient = t.client();
        const citizen = await registerCitizen(t, citizenClient, { nationalId: makeNationalId({ birth: '1985-01-20' }) });
        const ids = { a: makeNationalId({ birth: '1990-07-01' }), b: makeNationalId({ birth: '1994-12-12', sex: 'female' }), citizen: citizen.nationalId };
        const rows = sampleRows(ids, format === 'csv' ? 100 : 200);
        const file = format === 'csv' ? toCsv(rows) : await toXlsx(rows);
        const type = format === 'csv' ? IMPORT_CSV_TYPE : IMPORT_XLSX_TYPE;
        const before = await registrations();

        const first = await upload(head, file, type);
        assert.equal(first.status, 202, JSON.stringify(first.problem));
        const job = await finished(head, first.job!.id);
        assert.equal(job.status, 'done', job.failure ?? '');
        assert.deepEqual([job.rowsRead, job.rowsImported, job.rowsDuplicate, job.rowsError, job.percent], [9, 3, 1, 5, 100]);
        const report = await head.get(`${API}/imports/${job.id}/report.csv`);
        assert.equal(report.statusCode, 200);
        assert.match(String(report.headers['content-type']), /^text\/csv/);
        assert.deepEqual(parseReport(report.body), EXPECTED);
        const en = (await head.get(`${API}/imports/${job.id}/report.csv?lang=en`)).body.slice(1).split('\r\n');
        assert.equal(en[0], 'Row,Result,Field,Reason (Arabic),Reason (English)');
        assert.ok(en.slice(1).every((l) => !/,(imported|already_imported|error),|national_id|registration_date/.test(l)), en.join('\n'));
        assert.ok(en.some((l) => l.startsWith('2,Imported,')), en.join('\n'));
        assert.equal(await registrations(), before + 3);
        const issues = (await head.get(`${API}/imports/${job.id}/issues`)).json<ImportIssues>();
        assert.deepEqual(
          issues.rows.map((r) => r.row),
          [4, 5, 6, 7, 8, 9],
        );
        assert.ok(issues.rows.every((r) => r.reason && r.reason.ar && r.reason.en));
        // The in-file duplicate names the earlier row in Arabic-Indic digits in Arabic («الصف ٢», not «الصف 2»).
        const dup = issues.rows.find((r) => r.result === 'already_imported');
        assert.match(dup?.reason?.ar ?? '', /الصف [٠-٩]+ /);
        assert.match(dup?.reason?.en ?? '', /row \d+ /);

        // The registered citizen's row is linked to the account and keeps the paper date.
        const linked = await t.node.database.db.selectFrom('employment_registrations').select(['citizen_id', 'registered_on', 'source', 'registration_number']).where('national_id', '=', ids.citizen).executeTakeFirstOrThrow();
        assert.equal(linked.citizen_id, citizen.accountId);
        assert.equal(linked.source, 'legacy_import');
        assert.equal(String(linked.registered_on).slice(0, 10), '2017-11-20');
        assert.equal(linked.registration_number, `CAI-NASR-L-${format === 'csv' ? 108 : 208}`);

        // Second run of the same file: every valid row is already_imported, nothing new is written.
        const again = await upload(head, file, type);
        assert.equal(again.status, 202);
        const job2 = await finished(head, again.job!.id);
        assert.deepEqual([job2.rowsRead, job2.rowsImported, job2.rowsDuplicate, job2.rowsError], [9, 0, 4, 5]);
        const report2 = parseReport((await head.get(`${API}/imports/${job2.id}/report.csv`)).body);
        assert.deepEqual(
          report2.map(([row, result]) => [row, result]),
          EXPECTED.map(([row, result]) => [row, result === 'imported' ? 'already_imported' : result]),
        );
        assert.equal(await registrations(), before + 3);

        // Audit: counts only, no personal data.
        const audit = await t.node.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', job.id).orderBy('seq').execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          ['import.started', 'import.completed'],
        );
        const text = JSON.stringify(audit);
        assert.ok(!text.includes(ids.a) && !text.includes('محمود'), 'no personal data in the audit');
        assert.deepEqual((audit[1]!.details as Record<string, number>).rowsRead, 9);
      });
    }

    test('a person registering later finds the legacy registration and its date honoured', async () => {
      const nid = makeNationalId({ birth: '1988-08-08' });
      const csv = toCsv([['501', nid, 'مواطن لاحق', '2016-05-04', 'CAI-NASR', '7411', 'secondary', '2']]);
      const up = await upload(head, csv, 'text/csv; charset=utf-8');
      const job = await finished(head, up.job!.id);
      assert.equal(job.rowsImported, 1);
      const c = t.client();
      const citizen = await registerCitizen(t, c, { nationalId: nid });
      const row = await t.node.database.db.selectFrom('employment_registrations').select('citizen_id').where('national_id', '=', nid).executeTakeFirstOrThrow();
      assert.equal(row.citizen_id, citizen.accountId);
      const elig = (await c.get(`${API}/services/employment_registration/eligibility`)).json<EligibilityResult>();
      const check = elig.checks.find((x) => x.key === 'not_registered')!;
      assert.equal(check.ok, false);
      assert.match(check.reason!.en, /CAI-NASR-L-501 since 2016-05-04/);
    });

    test('a row wrong in several columns is reported with every column at fault, in column order', async () => {
      const csv = toCsv([['12a', '29013011234567', '', '2019-01-01', 'CAI-NASR', '9999', 'ماجستيرات', '٧٠']]);
      const up = await upload(head, csv, IMPORT_CSV_TYPE);
      const job = await finished(head, up.job!.id);
      assert.deepEqual([job.rowsRead, job.rowsError], [1, 1]);
      const issues = (await head.get(`${API}/imports/${job.id}/issues`)).json<ImportIssues>();
      const row = issues.rows[0]!;
      assert.deepEqual(row.fields, ['register_number', 'national_id', 'name', 'isco', 'qualification', 'experience_years']);
      assert.equal(row.field, row.fields.join(','));
      // Six sentences, each ending in its own period, separated by one space: no «. ؛ » or «.; ».
      assert.doesNotMatch(row.reason!.ar, /[;؛]/);
      assert.doesNotMatch(row.reason!.en, /;/);
      assert.equal(row.reason!.ar.split('. ').length, 6);
      assert.equal(row.reason!.en.split(/\. (?=[A-Z])/).length, 6);
      assert.match(row.reason!.ar, /\.$/);
      assert.match(row.reason!.en, /impossible national ID/);
    });

    test('out-of-scope uploaders are refused', async () => {
      const clerk = await staff('nasr.clerk');
      const refused = await upload(clerk, toCsv(sampleRows({ a: makeNationalId(), b: makeNationalId(), citizen: makeNationalId() })), IMPORT_CSV_TYPE);
      assert.deepEqual([refused.status, refused.problem?.code], [403, 'forbidden']);
      // Office head of Nasr City naming the Giza office; the Cairo directorate manager naming it too.
      const csv = toCsv([['1', makeNationalId(), 'اسم', '2019-01-01', '', '7411', 'secondary', '1']]);
      const r1 = await upload(head, csv, IMPORT_CSV_TYPE, '?office=GIZ-GIZA');
      assert.deepEqual([r1.status, r1.problem?.code], [403, 'out_of_scope']);
      const manager = await staff('cairo.manager');
      const r2 = await upload(manager, csv, IMPORT_CSV_TYPE, '?office=GIZ-GIZA');
      assert.deepEqual([r2.status, r2.problem?.code], [403, 'out_of_scope']);
      // The job of another uploader is not visible to a clerk.
      const ok = await upload(head, csv, IMPORT_CSV_TYPE);
      assert.equal((await clerk.get(`${API}/imports/${ok.job!.id}`)).json<ProblemDetails>().code, 'import_not_found');
      await finished(head, ok.job!.id);
    });

    test('an empty file, a header without rows, missing columns and a wrong file type are refused with problem codes', async () => {
      const jobsBefore = await t.node.database.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const empty = await upload(head, '', IMPORT_CSV_TYPE);
      assert.deepEqual([empty.status, empty.problem?.code], [400, 'import_file_empty']);
      const headerOnly = await upload(head, HEADER.join(',') + '\r\n', IMPORT_CSV_TYPE);
      assert.deepEqual([headerOnly.status, headerOnly.problem?.code], [400, 'import_file_empty']);
      const columns = await upload(head, 'register_number,name\r\n1,x\r\n', IMPORT_CSV_TYPE);
      assert.deepEqual([columns.status, columns.problem?.code], [400, 'import_file_columns']);
      assert.match(columns.problem?.detail ?? '', /national_id/);
      // The missing columns by name, for the page to list them in the UI language.
      const ext = columns.problem as unknown as { missingColumns?: string; missingColumnsAr?: string };
      assert.deepEqual(ext.missingColumns?.split(','), ['national_id', 'registration_date', 'isco', 'qualification', 'experience_years']);
      assert.match(ext.missingColumnsAr ?? '', /الرقم القومي، تاريخ القيد/);
      // The header as the import page lists it (Arabic labels, "(key)" suffix, diacritics, odd spacing) is accepted.
      const labelled = await upload(head, ['رقمُ القيد,الرقم  القومي,الاسم,تاريخ القيد,رمز المكتب,المهنة (ISCO-08),المؤهل,سنوات الخبرة (experience_years)', `9001,${makeNationalId({ birth: '1985-01-20' })},اسم,2019-01-01,,7411,secondary,1`].join('\r\n') + '\r\n', IMPORT_CSV_TYPE, '?office=CAI-NASR');
      assert.equal(labelled.status, 202, JSON.stringify(labelled.problem));
      const done = await finished(head, labelled.job!.id);
      assert.deepEqual([done.rowsRead, done.rowsError], [1, 0]);
      const pdf = await upload(head, Buffer.from('%PDF-1.7\n\0\0binary'), 'application/pdf');
      assert.deepEqual([pdf.status, pdf.problem?.code], [415, 'unsupported_media_type']);
      const disguised = await upload(head, Buffer.from('%PDF-1.7\n\0\0binary'), IMPORT_CSV_TYPE);
      assert.deepEqual([disguised.status, disguised.problem?.code], [415, 'import_file_type']);
      const notXlsx = await upload(head, toCsv([]), IMPORT_XLSX_TYPE);
      assert.deepEqual([notXlsx.status, notXlsx.problem?.code], [415, 'import_file_type']);
      const jobsAfter = await t.node.database.db.selectFrom('import_jobs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(jobsAfter.n), Number(jobsBefore.n) + 1, 'nothing half-saved (one job: the labelled header)');
    });
  });
}
