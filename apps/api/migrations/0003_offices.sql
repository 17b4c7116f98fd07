-- The linked office network: HQ -> 27 governorate directorates -> labour offices.

CREATE TABLE directorates (
  governorate_code text PRIMARY KEY REFERENCES governorates(code),
  name_ar text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE offices (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  directorate_code text NOT NULL REFERENCES directorates(governorate_code),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  seat_ar text NOT NULL,
  seat_en text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offices_directorate_idx ON offices (directorate_code);
COMMENT ON COLUMN offices.seat_ar IS 'The town or district where the office sits, which also names it.';
