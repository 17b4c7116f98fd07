-- Alternative occupation labels (job titles as people and employers write them, mostly singular Arabic)
-- mapped to ISCO-08 unit groups, so searching «نجار» or «ممرضة» finds the group titled in the plural.
-- Sources: the reviewed mapping of 1,000 Jadarat postings (apps/api/data/exchange/sa_title_isco_map.csv)
-- and a curated list; see apps/api/data/reference/SOURCE.md.
CREATE TABLE occupation_aliases (
  isco text NOT NULL REFERENCES occupations(code),
  label text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('ar', 'en')),
  source text NOT NULL,
  PRIMARY KEY (isco, label)
);
