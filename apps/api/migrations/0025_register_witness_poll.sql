-- Transparency register, witness poller and monitor (issue 4 §7; C2SP tlog-witness, RFC 9162 §8.2).
-- Besides the push path (register.checkpoint over federation v1), each node now FETCHES every peer's public
-- checkpoint (GET /api/v1/register/checkpoint) on a timer, verifies it the same way and cosigns it. Two new
-- alert kinds: peer_unreachable (this witness could not fetch a peer's checkpoint for longer than the silence
-- threshold) and witness_silent (this log's checkpoints have waited longer than the threshold for a
-- cosignature from a peer that cosigned earlier ones).
ALTER TABLE register_alerts DROP CONSTRAINT register_alerts_kind_check;
ALTER TABLE register_alerts ADD CONSTRAINT register_alerts_kind_check
  CHECK (kind IN ('bad_signature', 'inconsistent', 'root_mismatch', 'size_backwards', 'bad_cosignature', 'witness_ahead', 'peer_unreachable', 'witness_silent'));
COMMENT ON COLUMN register_alerts.kind IS 'bad_signature: the note is not signed by the peer''s pinned key; inconsistent: the consistency proof fails; root_mismatch: same size, different root (a split view when the checkpoint was fetched over HTTP); size_backwards: smaller than the size already verified; bad_cosignature: a witness sent a cosignature that does not verify; witness_ahead: a witness claims a size this log never signed; peer_unreachable: a peer''s checkpoint could not be fetched for longer than REGISTER_WITNESS_SILENCE_MS (once per outage); witness_silent: a peer that cosigned earlier checkpoints of this log has not cosigned a newer one for longer than REGISTER_WITNESS_SILENCE_MS (once per checkpoint size).';

CREATE TABLE register_peer_polls (
  peer_country text PRIMARY KEY CHECK (peer_country ~ '^[A-Z]{2}$'),
  last_success_at timestamptz,
  failing_since timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  last_error text,
  unreachable_alerted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE register_peer_polls IS 'This node as a witness: the outcome of fetching each peer''s public checkpoint (one row per peer, locked while it is updated, so several API processes raise one peer_unreachable alert per outage).';
COMMENT ON COLUMN register_peer_polls.last_success_at IS 'Last time the peer''s checkpoint (or its 404 register_no_checkpoint while its log is empty) was fetched.';
COMMENT ON COLUMN register_peer_polls.failing_since IS 'First failed fetch after the last success (network error, timeout, unexpected status or body); NULL while the peer answers.';
COMMENT ON COLUMN register_peer_polls.consecutive_failures IS 'Failed fetches since the last success.';
COMMENT ON COLUMN register_peer_polls.last_error IS 'Why the last fetch failed (no personal data: a status code or an error message).';
COMMENT ON COLUMN register_peer_polls.unreachable_alerted IS 'A peer_unreachable alert was raised for the current outage; reset by the next successful fetch.';
