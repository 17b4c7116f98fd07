import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedProfile, isNationalIdGovernorateCode, parseNationalId } from '@rabt/contracts';
import { iscoGroups } from './data.ts';
import { egWorkers } from './eg-workers.ts';

const workers = egWorkers(500, 1);
const units = new Set(iscoGroups().filter((g) => g.level === 4).map((g) => g.code));

test('national IDs parse, match birth date, sex and governorate, carry a valid check digit, and are unique', () => {
  assert.equal(workers.length, 500);
  for (const w of workers) {
    const r = parseNationalId(w.nationalId, new Date('2026-12-01T00:00:00Z'));
    assert.ok(r.ok, `${w.key}: ${w.nationalId}`);
    assert.equal(r.id.birthDate, w.birthDate);
    assert.equal(r.id.sex, w.sex);
    assert.equal(r.id.governorateCode, w.governorateCode);
    assert.equal(r.id.checkDigitValid, true);
    assert.notEqual(w.governorateCode, '88');
    assert.ok(isNationalIdGovernorateCode(w.governorateCode));
    const year = Number(w.birthDate.slice(0, 4));
    assert.ok(year >= 1975 && year <= 2004, w.birthDate);
  }
  assert.equal(new Set(workers.map((w) => w.nationalId)).size, workers.length);
});

test('mobiles and passport numbers are well-formed and unique; names have four parts in both scripts', () => {
  assert.equal(new Set(workers.map((w) => w.mobile)).size, workers.length);
  assert.equal(new Set(workers.map((w) => w.passportNumber)).size, workers.length);
  for (const w of workers) {
    assert.match(w.mobile, /^01[0125]\d{8}$/);
    assert.equal(w.mobileE164, `+2${w.mobile}`);
    assert.match(w.passportNumber, /^A\d{8}$/);
    assert.ok(w.passportExpiry > '2026-12-01', 'passports are unexpired on the reference day');
    assert.equal(w.nameParts.ar.length, 4);
    assert.equal(w.nameAr, w.nameParts.ar.join(' '));
    assert.equal(w.nameLatin, w.nameParts.latin.join(' '));
    assert.match(w.nameLatin, /^[A-Za-z ]+$/);
  }
});

test('profiles use real ISCO unit groups, and build valid SharedProfiles', () => {
  for (const w of workers) {
    for (const o of w.occupations) assert.ok(units.has(o.isco), `${w.key}: ${o.isco}`);
    assert.equal(new Set(w.occupations.map((o) => o.isco)).size, w.occupations.length);
    assert.ok(w.occupations[0]!.years <= Number('2026') - Number(w.birthDate.slice(0, 4)) - 18);
    assert.deepEqual(w.languages[0], { language: 'ar', level: 'native' });
    assert.ok(w.preferredCountries.length >= 1 && w.preferredCountries.every((c) => /^[A-Z]{2}$/.test(c)));
    if (w.expectedWage.currency === 'JOD') assert.ok(w.expectedWage.amountMinor >= 290_000);
    SharedProfile.parse({
      profileId: w.id,
      occupations: w.occupations,
      skills: w.skills,
      education: w.education,
      languages: w.languages,
      expectedWage: w.expectedWage,
      availableFrom: w.availableFrom,
      sex: w.sex,
      governorateCode: w.governorateCode,
    });
  }
});

test('the mix leans to what Gulf and Jordanian employers recruit: trades, drivers, food service, farm work', () => {
  const major = (d: string) => workers.filter((w) => w.occupations[0]!.isco.startsWith(d)).length;
  assert.ok(major('7') > workers.length * 0.3, `craft trades: ${major('7')}`);
  assert.ok(major('83') > 0 && major('5') > 0 && major('92') > 0 && major('2') > 0);
  assert.ok(workers.some((w) => w.sex === 'female'));
  assert.ok(workers.filter((w) => w.preferredCountries.includes('SA')).length > workers.length * 0.3);
  assert.ok(workers.filter((w) => w.preferredCountries.includes('JO')).length > workers.length * 0.1);
});

test('deterministic per seed, different across seeds', () => {
  assert.deepEqual(egWorkers(500, 1), workers);
  const other = egWorkers(500, 2);
  assert.notDeepEqual(other.map((w) => w.nationalId), workers.map((w) => w.nationalId));
  assert.deepEqual(egWorkers(10, 1), workers.slice(0, 10), 'a prefix of a larger batch');
});
