import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Occupation } from '@rabt/contracts';
import { API_ROOT } from '../../platform/paths.ts';

/** Seed data of the overseas employment exchange (`apps/api/data/exchange`, see SOURCE.md there). */
export const EXCHANGE_DATA_DIR = join(API_ROOT, 'data', 'exchange');
export const REFERENCE_DATA_DIR = join(API_ROOT, 'data', 'reference');

export function readCsv<T>(path: string): T[] {
  return parse<T>(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
}

/** One row of `sa_job_postings.csv` (Jadarat via YaqeenData/JobPostings; factual columns only). */
export interface SaPostingRow {
  job_title_ar: string;
  posted_on: string;
  posted_on_hijri: string;
  sector_ar: string;
  establishment_size_ar: string;
  economic_activity_ar: string;
  region_ar: string;
  city_en: string;
  /** SAR per month; `0.0` means the posting stated no salary. */
  monthly_salary_sar: string;
  allowances_ar: string;
  contract_type_ar: string;
  positions: string;
  experience_years: string;
  gender: string;
  requirements_ar: string;
}

/** One row of the reviewed title → ISCO-08 table (`sa_title_isco_map.csv`). */
export interface TitleMapRow {
  job_title_ar: string;
  postings: string;
  search_isco: string;
  search_title_ar: string;
  reviewed_isco: string;
  method: string;
  note: string;
}

let postings: SaPostingRow[] | undefined;
let occupations: Occupation[] | undefined;
let titleMap: Map<string, TitleMapRow> | undefined;

/** The 1,000 Saudi postings in file order (row 1 = the first data row). Read once. */
export function saPostings(): SaPostingRow[] {
  return (postings ??= readCsv<SaPostingRow>(join(EXCHANGE_DATA_DIR, 'sa_job_postings.csv')));
}

/** All 619 ISCO-08 groups with their Arabic working titles. Read once. */
export function iscoGroups(): Occupation[] {
  return (occupations ??= readCsv<Record<string, string>>(join(REFERENCE_DATA_DIR, 'isco08_groups.csv')).map(
    (r): Occupation => ({ code: r.code!, level: Number(r.level), parentCode: r.parent_code || null, titleEn: r.title_en!, titleAr: r.title_ar!, escoUri: r.esco_uri! }),
  ));
}

/** The reviewed mapping, keyed by the Arabic title exactly as the postings spell it. Read once. */
export function saTitleMap(): Map<string, TitleMapRow> {
  return (titleMap ??= new Map(readCsv<TitleMapRow>(join(EXCHANGE_DATA_DIR, 'sa_title_isco_map.csv')).map((r) => [r.job_title_ar, r])));
}

/** Minimal RFC 4180 writer: quotes a field when it has a comma, quote or line break. */
export function toCsv(header: string[], rows: string[][]): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}
