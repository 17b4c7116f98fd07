import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractTemplates } from '../contracts/contract-rules.ts';
import { joEstablishments } from '../exchange-seed/jo.ts';
import { cityNameAr, destinationCities } from './cities.ts';

test('every destination with a contract template has a city list, each city with an Arabic name', () => {
  for (const country of Object.keys(contractTemplates().countries)) {
    const cities = destinationCities(country);
    assert.ok(cities.length >= 5, `${country} has ${cities.length} cities`);
    for (const c of cities) {
      assert.equal(c.country, country);
      assert.match(c.nameAr, /^[\u0600-\u06FF][\u0600-\u06FF ()،]*$/, `${country} ${c.nameEn}: Arabic name "${c.nameAr}"`);
      assert.match(c.nameEn, /^[A-Za-z][A-Za-z ,'()-]*$/, `${country} ${c.nameEn}`);
    }
    assert.equal(new Set(cities.map((c) => c.nameEn)).size, cities.length, `${country}: duplicate city`);
  }
  assert.deepEqual(destinationCities('EG'), []);
});

test('a stored city is shown in Arabic by its English name, an alias or its Arabic name; unlisted text gives null', () => {
  assert.equal(cityNameAr('SA', 'Riyadh'), 'الرياض');
  assert.equal(cityNameAr('SA', '  riyadh '), 'الرياض');
  assert.equal(cityNameAr('SA', 'Mecca'), 'مكة المكرمة');
  assert.equal(cityNameAr('SA', 'Al Khobar'), 'الخبر');
  assert.equal(cityNameAr('SA', 'الرياض'), 'الرياض');
  assert.equal(cityNameAr('KW', 'Kuwait City'), 'مدينة الكويت');
  assert.equal(cityNameAr('AE', 'Dubai'), 'دبي');
  // The lookup is per country: a Saudi city typed on a Jordanian job order is not translated.
  assert.equal(cityNameAr('JO', 'Riyadh'), null);
  assert.equal(cityNameAr('SA', 'Somewhere New'), null);
});

test('the Jordanian demo employers’ Arabic city names agree with the city list', () => {
  for (const e of joEstablishments()) assert.equal(cityNameAr('JO', e.city), e.cityAr, e.city);
});
