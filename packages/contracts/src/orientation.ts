import { z } from 'zod';
import { ContractStatus } from './contracts.ts';
import { CountryCode } from './primitives.ts';

/**
 * Pre-departure orientation (issue 6 §7): one e-learning course per destination country that has a contract
 * template, published by the HQ training department. Workers study it through the ordinary e-learning API
 * (enrol, lessons, quiz); its completion is recorded beside the worker's contract with that destination, where
 * the worker and the overseas-employment officers see it. The signed contract payload is never changed.
 */

const Text = z.object({ ar: z.string(), en: z.string() });

/** A destination's current orientation course (public). */
export const OrientationCourse = z.object({
  country: CountryCode,
  countryName: Text,
  courseId: z.uuid(),
  title: Text,
  description: Text,
  lessonCount: z.number().int(),
  /** Questions drawn for the final quiz, and the pass mark in percent. */
  quizQuestionCount: z.number().int(),
  passPercent: z.number().int(),
  /** Version of the seeded content (data file), e.g. `2026-11.1+2026-11.1`. */
  contentVersion: z.string(),
});
export type OrientationCourse = z.infer<typeof OrientationCourse>;

/** The completion recorded beside a contract. */
export const OrientationRecord = z.object({
  courseId: z.uuid(),
  /** The contract version that was current when the completion was recorded. */
  version: z.number().int(),
  completedAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
  /** Verification code of the orientation certificate (verifies on /verify). */
  certificateCode: z.string(),
});
export type OrientationRecord = z.infer<typeof OrientationRecord>;

/**
 * Orientation status of one contract: the destination's course (null when that destination has none), the
 * worker's enrolment in it (progress; null before enrolling), and the completion recorded on the contract.
 */
export const ContractOrientation = z.object({
  contractId: z.uuid(),
  version: z.number().int(),
  country: CountryCode,
  countryName: Text,
  contractStatus: ContractStatus,
  /** Offered or concluded: the worker is asked to complete the orientation before travelling. */
  expected: z.boolean(),
  course: z.object({ id: z.uuid(), title: Text }).nullable(),
  enrolment: z
    .object({
      enrolmentId: z.uuid(),
      progressPercent: z.number().int(),
      resumeLessonId: z.uuid().nullable(),
      completedAt: z.iso.datetime().nullable(),
    })
    .nullable(),
  record: OrientationRecord.nullable(),
});
export type ContractOrientation = z.infer<typeof ContractOrientation>;

export const OrientationStatusFilter = z.enum(['completed', 'pending']);
export type OrientationStatusFilter = z.infer<typeof OrientationStatusFilter>;

/** Officers' list: concluded contracts, optionally by destination and by orientation status. */
export const OrientationListQuery = z.strictObject({
  country: CountryCode.optional(),
  status: OrientationStatusFilter.optional(),
});

export const OrientationListItem = z.object({
  contractId: z.uuid(),
  version: z.number().int(),
  country: CountryCode,
  countryName: Text,
  workerName: Text,
  jobTitle: Text,
  employerName: Text,
  concludedAt: z.iso.datetime(),
  verificationCode: z.string(),
  record: OrientationRecord.nullable(),
});
export type OrientationListItem = z.infer<typeof OrientationListItem>;

/** Per destination: concluded contracts and how many of them have a recorded orientation. */
export const OrientationSummary = z.object({
  country: CountryCode,
  countryName: Text,
  concluded: z.number().int(),
  completed: z.number().int(),
});
export type OrientationSummary = z.infer<typeof OrientationSummary>;

export const OrientationList = z.object({
  summary: z.array(OrientationSummary),
  items: z.array(OrientationListItem),
  /** True when more than the 500 listed contracts match. */
  truncated: z.boolean(),
});
export type OrientationList = z.infer<typeof OrientationList>;
