-- Transparency register (issue 4, part 7): this node's RFC 9162 Merkle log of the documents it issues
-- (contracts now; certificates and permits later), its signed checkpoints (C2SP tlog-checkpoint), the
-- cosignatures its peers' witnesses return (C2SP tlog-cosignature), and this node's own witness state for
-- its peers' logs, with the alerts its monitor raises. Leaves hold a salted digest, never personal data.

CREATE TABLE register_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  tree_size bigint NOT NULL DEFAULT 0 CHECK (tree_size >= 0)
);
INSERT INTO register_state (id, tree_size) VALUES (true, 0);
COMMENT ON TABLE register_state IS 'Single row locked FOR UPDATE by every append, in the caller''s transaction: appends are serialized, so leaf indexes are contiguous.';
COMMENT ON COLUMN register_state.tree_size IS 'Number of leaves appended (committed), i.e. the next leaf index.';

CREATE TABLE register_leaves (
  index bigint PRIMARY KEY CHECK (index >= 0),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{0,31}$'),
  data bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1024),
  leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
  appended_at timestamptz NOT NULL
);
COMMENT ON TABLE register_leaves IS 'Entries of the Merkle log (RFC 9162 §2.1), append-only, indexes 0, 1, 2, … without gaps.';
COMMENT ON COLUMN register_leaves.kind IS 'What the leaf records: contract, certificate, permit, …';
COMMENT ON COLUMN register_leaves.data IS 'Leaf data as given by the issuing module: a salted digest of the document (never personal data).';
COMMENT ON COLUMN register_leaves.leaf_hash IS 'SHA-256(0x00 || data), RFC 9162 §2.1.1.';

CREATE TABLE register_subtrees (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
  index bigint NOT NULL CHECK (index >= 0),
  hash bytea NOT NULL CHECK (octet_length(hash) = 32),
  PRIMARY KEY (level, index)
);
COMMENT ON TABLE register_subtrees IS 'Hash of every complete perfect subtree: (level L, index i) covers leaves [i·2^L, (i+1)·2^L). Level 0 rows are the leaf hashes. Written when the last leaf of the subtree is appended, so any inclusion or consistency proof, or any root, is one indexed select.';

CREATE TABLE register_checkpoints (
  tree_size bigint PRIMARY KEY CHECK (tree_size > 0),
  root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  note text NOT NULL,
  created_at timestamptz NOT NULL
);
COMMENT ON TABLE register_checkpoints IS 'Checkpoints this log signed (C2SP tlog-checkpoint in a signed note, Ed25519 with the node''s active federation key).';
COMMENT ON COLUMN register_checkpoints.note IS 'The signed note: checkpoint body and this log''s signature line (cosignatures are in register_cosignatures).';

CREATE TABLE register_cosignatures (
  tree_size bigint NOT NULL REFERENCES register_checkpoints(tree_size),
  witness_name text NOT NULL,
  peer_country text NOT NULL CHECK (peer_country ~ '^[A-Z]{2}$'),
  cosigned_at bigint NOT NULL CHECK (cosigned_at >= 0),
  line text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tree_size, witness_name)
);
CREATE INDEX register_cosignatures_peer_idx ON register_cosignatures (peer_country, tree_size DESC);
COMMENT ON TABLE register_cosignatures IS 'Witness cosignatures (C2SP tlog-cosignature v1) received from peers for this log''s checkpoints, verified with the peer''s pinned key before they are stored.';
COMMENT ON COLUMN register_cosignatures.cosigned_at IS 'The cosignature''s timestamp, seconds since the Unix epoch, as signed by the witness.';
COMMENT ON COLUMN register_cosignatures.line IS 'The signature line to append to the signed note (em dash, witness name, base64 of key id, timestamp and signature).';

CREATE TABLE register_witness_state (
  origin text PRIMARY KEY,
  peer_country text NOT NULL CHECK (peer_country ~ '^[A-Z]{2}$'),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (octet_length(root_hash) = 32),
  note text NOT NULL,
  updated_at timestamptz NOT NULL
);
COMMENT ON TABLE register_witness_state IS 'This node as a witness: the latest checkpoint of each peer log it verified (signature and consistency) and cosigned.';
COMMENT ON COLUMN register_witness_state.origin IS 'Checkpoint origin line of the peer log, e.g. rabt.sa/register.';

CREATE TABLE register_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  origin text NOT NULL,
  peer_country text CHECK (peer_country ~ '^[A-Z]{2}$'),
  kind text NOT NULL CHECK (kind IN ('bad_signature', 'inconsistent', 'root_mismatch', 'size_backwards', 'bad_cosignature', 'witness_ahead')),
  tree_size bigint,
  detail text NOT NULL,
  evidence jsonb NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX register_alerts_created_idx ON register_alerts (created_at DESC);
COMMENT ON TABLE register_alerts IS 'Inconsistencies found by this node''s witness/monitor: a peer log (or a witness of this log) presented something that does not verify. Nothing is cosigned when an alert is raised.';
COMMENT ON COLUMN register_alerts.kind IS 'bad_signature: the note is not signed by the peer''s pinned key; inconsistent: the consistency proof fails; root_mismatch: same size, different root; size_backwards: smaller than the size already verified; bad_cosignature: a witness sent a cosignature that does not verify; witness_ahead: a witness claims a size this log never signed.';
COMMENT ON COLUMN register_alerts.evidence IS 'What was presented (signed note, old size, proof in base64): enough for an operator to check the claim independently.';
