import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContactField, SharedProfileField } from '@rabt/contracts';
import { ageBand, buildContactDisclosure, buildSharedProfile, fieldProfileFor, fieldProfiles, type FieldProfiles, type WorkerSource } from './workers.sharing.ts';

const SECRETS = { nationalId: '29805150102054', mobile: '+201023456781', email: 'worker.secret@example.org', address: '12 Shubra Street, Cairo', passport: 'A12345678' };

function source(): WorkerSource {
  return {
    nationalId: SECRETS.nationalId,
    nameAr: 'محمد أحمد علي',
    nameLatin: 'Mohamed Ahmed Ali',
    birthDate: '1998-05-15',
    sex: 'male',
    governorateCode: '01',
    mobile: SECRETS.mobile,
    email: SECRETS.email,
    address: SECRETS.address,
    occupations: [{ isco: '7411', years: 6 }],
    skills: ['wiring'],
    education: 'technical_secondary',
    languages: [{ language: 'ar', level: 'native' }],
    certificates: [],
    expectedWage: { amountMinor: 400000, currency: 'SAR' },
    availableFrom: '2026-09-01',
    passport: { number: SECRETS.passport, expiry: '2031-01-01' },
  };
}

/** A field profile that allows everything the contracts allow: the widest anything could ever be configured. */
const EVERYTHING: FieldProfiles = {
  consentText: { version: 'x', ar: '{country}', en: '{country}' },
  countries: { default: { profile: [...SharedProfileField.options], contact: [...ContactField.options] } },
};

test('no profile message for any country, even with every field allowed, carries national ID, phone, email, address or passport', () => {
  const configured = fieldProfiles();
  const countries = [...Object.keys(configured.countries), 'AE', 'KW', 'QA'];
  for (const profiles of [configured, EVERYTHING]) {
    for (const country of countries) {
      const body = JSON.stringify(buildSharedProfile(source(), '0191a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b', country, '2026-03-01', profiles));
      for (const [name, secret] of Object.entries(SECRETS)) assert.ok(!body.includes(secret), `${country}: ${name} leaked in ${body}`);
      for (const key of ['nationalId', 'mobile', 'phone', 'email', 'address', 'passport', 'nameAr', 'nameLatin', 'birthDate']) {
        assert.ok(!body.includes(`"${key}`), `${country}: key ${key} present`);
      }
    }
  }
});

test('a country receives exactly the fields of its allow-list (and its pseudonym), nothing more', () => {
  const jo = buildSharedProfile(source(), '0191a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b', 'JO', '2026-03-01');
  assert.deepEqual(Object.keys(jo).sort(), ['profileId', ...fieldProfileFor('JO').profile].sort());
  assert.equal(jo.ageBand, '25-34');
  assert.equal('sex' in jo, false, 'JO is not allowed the sex field');
  const other = buildSharedProfile(source(), '0191a0b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b', 'KW', '2026-03-01');
  assert.deepEqual(Object.keys(other).sort(), ['profileId', ...fieldProfileFor('default').profile].sort());
  assert.equal('expectedWage' in other, false);
});

test('the passport is disclosed only where the contact profile allows it; national ID, phone and email never', () => {
  const sa = buildContactDisclosure(source(), 'SA');
  assert.equal(sa.passportNumber, SECRETS.passport);
  const jo = buildContactDisclosure(source(), 'JO');
  assert.equal(jo.passportNumber, undefined);
  assert.equal(jo.birthDate, '1998-05-15');
  for (const d of [sa, jo, buildContactDisclosure(source(), 'KW', EVERYTHING)]) {
    const body = JSON.stringify(d);
    for (const secret of [SECRETS.nationalId, SECRETS.mobile, SECRETS.email, SECRETS.address]) assert.ok(!body.includes(secret));
  }
});

test('age bands change on the birthday, not before', () => {
  assert.equal(ageBand('2001-06-10', '2026-06-09'), '18-24');
  assert.equal(ageBand('2001-06-10', '2026-06-10'), '25-34');
  assert.equal(ageBand('1960-01-01', '2026-01-01'), '55+');
});
