-- Virtual classrooms (issue 6 §5): scheduled live sessions of a course with a capacity, seat bookings by
-- the course's trainees, attendance (recorded on join, adjusted by the trainer), a recording linked after
-- the session, and SMS reminders sent once per booking and kind. Completion may require attended sessions
-- (courses.required_sessions_attended; 0 keeps the earlier rule: lessons + quiz).

ALTER TABLE courses ADD COLUMN required_sessions_attended smallint NOT NULL DEFAULT 0 CHECK (required_sessions_attended BETWEEN 0 AND 20);
COMMENT ON COLUMN courses.required_sessions_attended IS 'Live sessions a trainee must have attended for the course to be completed (certificate); 0 = none.';

CREATE TABLE live_sessions (
  id uuid PRIMARY KEY,
  course_id uuid NOT NULL REFERENCES courses(id),
  title_ar text NOT NULL,
  title_en text NOT NULL,
  starts_at timestamptz NOT NULL,
  duration_minutes smallint NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  capacity smallint NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  recording_url text CHECK (recording_url IS NULL OR recording_url ~ '^https://'),
  recording_linked_at timestamptz,
  cancelled_at timestamptz,
  created_by uuid NOT NULL REFERENCES staff(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX live_sessions_course_idx ON live_sessions (course_id, starts_at);
-- The reminder job scans sessions starting in the next 24 hours.
CREATE INDEX live_sessions_upcoming_idx ON live_sessions (starts_at) WHERE cancelled_at IS NULL;
COMMENT ON TABLE live_sessions IS 'Scheduled live sessions (virtual classrooms) of a course; the conferencing room is issued at join time by the configured adapter (built-in room page or BigBlueButton).';
COMMENT ON COLUMN live_sessions.capacity IS 'Seats: active bookings never exceed it (checked under a row lock on the session when booking).';
COMMENT ON COLUMN live_sessions.recording_url IS 'https link to the recording, set by the trainer (or fetched from BigBlueButton getRecordings) once the session has started.';
COMMENT ON COLUMN live_sessions.cancelled_at IS 'Set when the trainer cancels the session: no booking, join or reminder afterwards.';

CREATE TABLE live_session_bookings (
  id uuid PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES live_sessions(id),
  enrolment_id uuid NOT NULL REFERENCES enrolments(id),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  booked_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  joined_at timestamptz,
  attended boolean NOT NULL DEFAULT false,
  attendance_marked_by uuid REFERENCES staff(id),
  attendance_marked_at timestamptz,
  UNIQUE (session_id, enrolment_id)
);
CREATE INDEX live_session_bookings_enrolment_idx ON live_session_bookings (enrolment_id);
CREATE INDEX live_session_bookings_citizen_idx ON live_session_bookings (citizen_id);
COMMENT ON TABLE live_session_bookings IS 'A trainee''s seat in a live session. Personal data. Booking again after cancelling reuses the row.';
COMMENT ON COLUMN live_session_bookings.cancelled_at IS 'Set when the trainee cancels; the seat is free again. NULL = active booking.';
COMMENT ON COLUMN live_session_bookings.joined_at IS 'First time the trainee opened the join link (inside the join window).';
COMMENT ON COLUMN live_session_bookings.attended IS 'Attendance that counts for completion: true on join; the trainer may set it either way once the session has started.';
COMMENT ON COLUMN live_session_bookings.attendance_marked_by IS 'The trainer or centre manager who last set attendance by hand (NULL = as recorded on join).';

CREATE TABLE live_session_reminders (
  booking_id uuid NOT NULL REFERENCES live_session_bookings(id),
  kind text NOT NULL CHECK (kind IN ('24h', '1h')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (booking_id, kind)
);
COMMENT ON TABLE live_session_reminders IS 'Reminder SMS claimed for a booking: one row per booking and kind makes each reminder go out at most once, across processes.';
