-- Skill-test sessions get a time of day (issue 5: citizens booking a test saw only a date).
ALTER TABLE skill_test_sessions ADD COLUMN start_time time NOT NULL DEFAULT '09:00';
COMMENT ON COLUMN skill_test_sessions.start_time IS 'When the session starts, local time in Egypt (IANA Africa/Cairo) on session_date; existing sessions took 09:00, the usual start of a testing day.';
