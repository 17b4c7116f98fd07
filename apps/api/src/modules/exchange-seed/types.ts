import { v5 as uuidv5 } from 'uuid';
import type { JobOrderTerms } from '@rabt/contracts';

/** Namespace of the deterministic ids of exchange seed rows (UUID v5, RFC 9562 §5.5). */
const SEED_NAMESPACE = '3b1f0c52-7a4e-5d7b-9c1e-72616274e5ed';

/** A stable UUID for a seed key (same key → same id on every node and every run). */
export function seedUuid(key: string): string {
  return uuidv5(key, SEED_NAMESPACE);
}

/**
 * A SYNTHETIC employer (establishment) of a partner node's seed. Nothing here identifies a real
 * establishment: names, numbers and representatives are generated. The loader turns it into an
 * employer account (EmployerSummary: id, nameAr, nameEn, establishmentNumber, sector, city, verified).
 */
export interface SeedEstablishment {
  /** Stable key that job orders point at (`establishmentKey`). */
  key: string;
  /** `seedUuid(key)`, usable as employerId. */
  id: string;
  country: 'SA' | 'JO';
  nameAr: string;
  nameEn: string;
  /** Synthetic, in the shape of the country's establishment number (see each generator). */
  establishmentNumber: string;
  /** Economic activity in Arabic (for SA: the posting's `economic_activity_ar`, real data). */
  sectorAr: string;
  /** A short English sector label derived from the activity. */
  sectorEn: string;
  sizeAr: string;
  sizeEn: string;
  /** City in Latin script (EmployerSummary.city). */
  city: string;
  /** City in Arabic when known, else null (then show `regionAr`). */
  cityAr: string | null;
  regionAr: string;
  /** Synthetic authorised representative (issue 3 part 5). Email under the reserved example.com. */
  representative: { nameAr: string; nameEn: string; email: string; roleAr: string; roleEn: string };
  synthetic: true;
}

/** A seed job order: JobOrderTerms without the ids the loader assigns, plus where it came from. */
export type SeedJobOrder = Omit<JobOrderTerms, 'jobOrderId' | 'employer'> & {
  establishmentKey: string;
  /** 1-based data row of the source file (SA: sa_job_postings.csv), or the order's index (JO). */
  sourceRow: number;
  /** True when the source stated no wage and `wage` was imputed by the documented rule (not the employer's offer). */
  wageImputed: boolean;
  /** Sex the posting asked for, as published (the JobOrderTerms contract has no such field). */
  genderAsked: 'male' | 'female' | 'any';
  /** Place names in Arabic for display (`city` stays Latin). */
  cityAr: string | null;
  regionAr: string;
};
