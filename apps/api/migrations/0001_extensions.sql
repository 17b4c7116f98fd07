-- Extensions used by searches (trigram indexes). pg_trgm ships with PGlite's contrib and with postgresql-contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
