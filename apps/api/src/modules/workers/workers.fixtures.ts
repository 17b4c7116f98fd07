import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { JobOrderTerms } from '@rabt/contracts';
import { buildApp } from '../../http/app.ts';
import { FakeFederation } from '../../testing/fake-federation.ts';
import { TestClient } from '../../testing/test-client.ts';
import { createTestNode, type TestNode, type TestTarget } from '../../testing/test-node.ts';

/** Test fixtures of the origin side of the exchange (used by *.int.test.ts only). */

/** A valid job order as a partner ministry would submit it (override anything). */
export function jobOrderTerms(overrides: Partial<JobOrderTerms> = {}): JobOrderTerms {
  const country = overrides.country ?? 'SA';
  return {
    jobOrderId: randomUUID(),
    country,
    employer: {
      employerId: randomUUID(),
      nameAr: 'مؤسسة النخيل للمقاولات',
      nameEn: 'Palm Contracting Est.',
      establishmentNumber: '7001234567',
      sector: 'Construction',
      city: 'Riyadh',
      verified: true,
      verifiedAt: '2026-01-10T09:00:00.000Z',
    },
    isco: '7411',
    titleAr: 'كهربائي مباني',
    titleEn: 'Building electrician',
    positions: 5,
    wage: { amountMinor: 350000, currency: country === 'JO' ? 'JOD' : 'SAR' },
    allowances: { housing: { amountMinor: 50000, currency: 'SAR' }, transport: null, food: null },
    hoursPerWeek: 48,
    restDaysPerWeek: 1,
    contractMonths: 24,
    probationDays: 90,
    city: 'Riyadh',
    requirements: { minYears: 3, languages: [{ language: 'ar', level: 'B1' }], certificateLevel: null, notesAr: 'خبرة في التمديدات الكهربائية للمباني.' },
    benefits: { annualTicket: true, endOfService: true, medicalInsurance: true },
    recruitmentCostsBorneByEmployer: true,
    postedOn: '2026-02-01',
    ...overrides,
  };
}

export const PROFILE = {
  occupations: [{ isco: '7411', years: 6 }],
  skills: ['تمديدات كهربائية', 'قراءة المخططات'],
  education: 'technical_secondary',
  languages: [
    { language: 'ar', level: 'native' },
    { language: 'en', level: 'A2' },
  ],
  preferredCountries: ['SA'],
  expectedWage: { amountMinor: 400000, currency: 'SAR' },
  availableFrom: '2026-09-01',
  passport: { number: 'A12345678', expiry: '2031-05-01' },
};

export interface ExchangeTestNode extends TestNode {
  fed: FakeFederation;
  app: FastifyInstance;
  /** A browser-like client of the app wired to the fake federation. */
  client(): TestClient;
  deliver: FakeFederation['deliver'] extends (db: never, m: infer M) => Promise<void> ? (m: M) => Promise<void> : never;
}

/** An EG test node whose app uses an in-memory federation peered with SA and JO. */
export async function exchangeTestNode(target: TestTarget): Promise<ExchangeTestNode> {
  const t = await createTestNode(target);
  const fed = new FakeFederation('EG', ['SA', 'JO']);
  const app = await buildApp({ ...t.node.deps, federation: fed });
  return {
    ...t,
    fed,
    app,
    client: () => new TestClient(app),
    deliver: (m) => fed.deliver(t.node.database.db, m),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}
