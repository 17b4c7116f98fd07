-- Federation v1 (docs/federation-v1.md): transactional outbox, idempotent inbox, per-entity versions.
-- Domain modules write outbox rows in their own transaction; the relay signs and delivers them.
-- The inbox row, the entity-version row and the handler's effect commit in one transaction.

CREATE TABLE federation_outbox (
  id uuid PRIMARY KEY,
  to_country text NOT NULL CHECK (to_country ~ '^[A-Z]{2}$'),
  type text NOT NULL,
  entity_type text,
  entity_id text,
  entity_version bigint CHECK (entity_version >= 0),
  body jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  last_attempt_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  delivered_at timestamptz,
  message text,
  message_hash text,
  receipt text,
  receipt_status text CHECK (receipt_status IN ('accepted', 'duplicate', 'stale', 'rejected')),
  CHECK ((entity_type IS NULL) = (entity_id IS NULL) AND (entity_id IS NULL) = (entity_version IS NULL)),
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
COMMENT ON TABLE federation_outbox IS 'Messages to peer nodes, written in the transaction of the change they announce; delivered at least once by the relay.';
COMMENT ON COLUMN federation_outbox.id IS 'Message id (UUIDv7), the same on every delivery attempt: the receiver''s inbox is keyed by it.';
COMMENT ON COLUMN federation_outbox.entity_version IS 'Per-entity version: the receiver applies a message only if it is newer than the last one it applied for (from, entity_type, entity_id).';
COMMENT ON COLUMN federation_outbox.body IS 'Message body, validated against packages/contracts ExchangeMessageBodies[type] when queued.';
COMMENT ON COLUMN federation_outbox.status IS 'pending (queued or in flight), delivered (signed receipt verified), dead (gave up after the maximum attempts or a permanent rejection), cancelled (cancelPending: never sent).';
COMMENT ON COLUMN federation_outbox.next_attempt_at IS 'Not before this time: creation, then exponential backoff with full jitter; pushed forward by a lease while a relay sends it.';
COMMENT ON COLUMN federation_outbox.message IS 'The compact JWS last sent (signed at send time), kept with the receipt as evidence.';
COMMENT ON COLUMN federation_outbox.message_hash IS 'Lower-case hex SHA-256 of `message`; the receipt must echo it.';
COMMENT ON COLUMN federation_outbox.receipt IS 'The peer''s signed receipt (compact JWS), verified against its pinned key.';
CREATE INDEX federation_outbox_due_idx ON federation_outbox (to_country, next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX federation_outbox_entity_idx ON federation_outbox (to_country, entity_type, entity_id) WHERE status = 'pending';
CREATE INDEX federation_outbox_dead_idx ON federation_outbox (created_at DESC, id DESC) WHERE status = 'dead';
CREATE INDEX federation_outbox_log_idx ON federation_outbox (created_at DESC, id DESC);

CREATE TABLE federation_inbox (
  id uuid PRIMARY KEY,
  from_country text NOT NULL CHECK (from_country ~ '^[A-Z]{2}$'),
  type text NOT NULL,
  entity_type text,
  entity_id text,
  entity_version bigint,
  status text NOT NULL CHECK (status IN ('accepted', 'stale')),
  message text NOT NULL,
  message_hash text NOT NULL,
  content_hash text NOT NULL,
  receipt text NOT NULL,
  issued_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL
);
COMMENT ON TABLE federation_inbox IS 'Every verified message received, keyed by message id: a second delivery of the same id applies nothing and gets a duplicate receipt. Rejected messages are never stored.';
COMMENT ON COLUMN federation_inbox.status IS 'accepted (the handler ran) or stale (an equal or newer entity version was already applied; acknowledged, not applied).';
COMMENT ON COLUMN federation_inbox.message IS 'The compact JWS exactly as received (evidence for auditors).';
COMMENT ON COLUMN federation_inbox.content_hash IS 'SHA-256 of the canonical JSON (RFC 8785) of type, from, to, entity and body: a re-signed retry has the same; a different message reusing the id does not.';
COMMENT ON COLUMN federation_inbox.receipt IS 'The signed receipt returned for the first delivery.';
CREATE INDEX federation_inbox_log_idx ON federation_inbox (received_at DESC, id DESC);

CREATE TABLE federation_entity_versions (
  from_country text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  last_version bigint NOT NULL,
  last_message_id uuid NOT NULL REFERENCES federation_inbox (id),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (from_country, entity_type, entity_id)
);
COMMENT ON TABLE federation_entity_versions IS 'Last applied version per (sender, entity type, entity id): reordered or late messages never take an entity back to an older state.';
