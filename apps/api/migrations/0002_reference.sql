-- Reference data: loaded from apps/api/data/reference/*.csv at start-up (idempotent upserts).

CREATE TABLE governorates (
  code text PRIMARY KEY CHECK (code ~ '^\d{2}$'),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  is_governorate boolean NOT NULL
);
COMMENT ON TABLE governorates IS 'Codes of digits 8-9 of the national ID; 88 = born abroad (not a governorate).';

CREATE TABLE countries (
  iso2 text PRIMARY KEY CHECK (iso2 ~ '^[A-Z]{2}$'),
  iso3 text NOT NULL UNIQUE CHECK (iso3 ~ '^[A-Z]{3}$'),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  currency_minor_units smallint NOT NULL,
  dialling_code text NOT NULL
);
COMMENT ON TABLE countries IS 'Arab League states: ISO 3166-1, ISO 4217 currency and minor units, ITU E.164 dialling code.';

CREATE TABLE occupations (
  code text PRIMARY KEY CHECK (code ~ '^\d{1,4}$'),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4 AND level = length(code)),
  parent_code text REFERENCES occupations(code),
  title_en text NOT NULL,
  title_ar text NOT NULL,
  esco_uri text NOT NULL
);
COMMENT ON TABLE occupations IS 'ISCO-08 groups (ESCO v1.1.0 extract, modified); title_ar is an unofficial translation.';
