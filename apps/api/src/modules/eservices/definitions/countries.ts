import type { Bilingual } from '../definitions.ts';

/**
 * The officially assigned ISO 3166-1 alpha-2 codes (249; ISO 3166 Maintenance Agency, 2024), without
 * the reserved, transitional and user-assigned ones that Intl.DisplayNames also names (EU, UN, SU, XK, …).
 */
const ISO_3166_1 = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

/** Names the Egyptian administration uses where ICU's differ. */
const OVERRIDES: Record<string, Bilingual> = { PS: { ar: 'فلسطين', en: 'Palestine' } };

const arNames = new Intl.DisplayNames(['ar'], { type: 'region' });
const enNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's name in Arabic and English (CLDR through Intl), or the code itself when unknown. */
export function countryName(code: string): Bilingual {
  return OVERRIDES[code] ?? { ar: arNames.of(code) ?? code, en: enNames.of(code) ?? code };
}

/**
 * Every country but Egypt as select options (value: ISO 3166-1 alpha-2), in Arabic alphabetical order:
 * what a foreign worker's nationality is picked from, instead of typing a code.
 */
export const FOREIGN_COUNTRY_OPTIONS: { value: string; label: Bilingual }[] = ISO_3166_1.filter((c) => c !== 'EG')
  .map((value) => ({ value, label: countryName(value) }))
  .sort((x, y) => x.label.ar.localeCompare(y.label.ar, 'ar'));
