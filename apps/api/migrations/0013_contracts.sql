-- Employment contracts (issue 4). The destination (partner) node keeps the employer's drafts and the
-- state reported by the Egyptian node; the Egyptian node keeps what it received, the rule checks, the two
-- officers' attestations, the worker's answer and, once concluded, the issued signed document.
-- Every version is a row keyed (id, version); an amendment is a new version of the same contract id.

-- ---------------------------------------------------------------- destination side
CREATE TABLE contracts (
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  employer_id uuid NOT NULL REFERENCES employers(id),
  invitation_id uuid NOT NULL REFERENCES invitations(id),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'received', 'checks_failed', 'awaiting_attestation', 'offered', 'rejected', 'amendment_requested', 'concluded', 'cancelled', 'superseded', 'withdrawn')),
  terms jsonb NOT NULL,
  payload jsonb,
  digest text,
  partner_signature jsonb,
  origin_signature jsonb,
  checks jsonb NOT NULL DEFAULT '[]',
  status_reason text,
  verification_code text,
  verify_url text,
  register_index bigint,
  history jsonb NOT NULL DEFAULT '[]',
  out_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (id, version),
  CONSTRAINT contracts_signed CHECK (status = 'draft' OR (payload IS NOT NULL AND digest IS NOT NULL AND partner_signature IS NOT NULL)),
  CONSTRAINT contracts_concluded CHECK (status NOT IN ('concluded', 'superseded') OR origin_signature IS NOT NULL)
);
CREATE INDEX contracts_employer_idx ON contracts (employer_id, updated_at DESC);
CREATE UNIQUE INDEX contracts_one_open_draft ON contracts (id) WHERE status = 'draft';
COMMENT ON TABLE contracts IS 'Contract versions drafted by this node''s employers; status mirrors the Egyptian node''s contract.status messages.';
COMMENT ON COLUMN contracts.terms IS 'ContractTerms (packages/contracts contracts.ts); frozen into payload when signed.';
COMMENT ON COLUMN contracts.payload IS 'ContractPayload this node signed: its RFC 8785 canonical JSON is the JWS payload.';
COMMENT ON COLUMN contracts.digest IS 'base64url SHA-256 of the canonical payload.';
COMMENT ON COLUMN contracts.out_seq IS 'Federation entity version of the last contract message this node sent about this contract id.';

CREATE TABLE destination_registrations (
  id uuid PRIMARY KEY,
  contract_id uuid NOT NULL,
  version integer NOT NULL,
  employer_id uuid NOT NULL REFERENCES employers(id),
  terms jsonb NOT NULL,
  destination_reference text NOT NULL,
  registered_at timestamptz NOT NULL,
  FOREIGN KEY (contract_id, version) REFERENCES contracts(id, version)
);
COMMENT ON TABLE destination_registrations IS 'The contract as registered with this country''s own authority on the worker''s arrival (reported to the Egyptian node for the substitution check).';

-- ---------------------------------------------------------------- origin (Egyptian) side
CREATE TABLE received_contracts (
  id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  country text NOT NULL REFERENCES countries(iso2),
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  invitation_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('checks_failed', 'awaiting_attestation', 'offered', 'rejected', 'amendment_requested', 'concluded', 'cancelled', 'superseded', 'withdrawn')),
  payload jsonb NOT NULL,
  digest text NOT NULL,
  partner_signature jsonb NOT NULL,
  checks jsonb NOT NULL,
  status_reason text,
  worker_note text,
  origin_signature jsonb,
  verification_code text UNIQUE,
  register_index bigint,
  history jsonb NOT NULL DEFAULT '[]',
  out_seq integer NOT NULL DEFAULT 0,
  received_at timestamptz NOT NULL,
  offered_at timestamptz,
  responded_at timestamptz,
  concluded_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (id, version),
  CONSTRAINT received_contracts_concluded CHECK (status NOT IN ('concluded', 'superseded') OR (origin_signature IS NOT NULL AND verification_code IS NOT NULL AND register_index IS NOT NULL))
);
CREATE INDEX received_contracts_citizen_idx ON received_contracts (citizen_id, received_at DESC);
CREATE INDEX received_contracts_status_idx ON received_contracts (status, received_at);
COMMENT ON TABLE received_contracts IS 'Contract versions partner nodes submitted for the Egyptian workers they invited; checked, attested by two officers, answered by the worker.';
COMMENT ON COLUMN received_contracts.partner_signature IS 'The partner node''s JWS signature (protected header + signature) over the canonical payload, verified on receipt.';
COMMENT ON COLUMN received_contracts.origin_signature IS 'This node''s signature over the same payload, made when the worker accepted.';

-- Dual control: two distinct officers; the primary key makes a second attestation by the same officer impossible.
CREATE TABLE contract_attestations (
  contract_id uuid NOT NULL,
  version integer NOT NULL,
  staff_id uuid NOT NULL REFERENCES staff(id),
  attested_at timestamptz NOT NULL,
  PRIMARY KEY (contract_id, version, staff_id),
  FOREIGN KEY (contract_id, version) REFERENCES received_contracts(id, version)
);
COMMENT ON TABLE contract_attestations IS 'Attestations of a contract version by overseas-employment officers; two distinct rows make it offered to the worker.';

-- Signed documents this node issued (contracts now; certificates and permits later): what /verify answers from.
CREATE TABLE issued_documents (
  code text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('contract')),
  subject_id uuid NOT NULL,
  subject_version integer NOT NULL,
  digest text NOT NULL UNIQUE,
  payload jsonb NOT NULL,
  signatures jsonb NOT NULL,
  qr_token text NOT NULL,
  register_index bigint NOT NULL,
  status text NOT NULL DEFAULT 'genuine' CHECK (status IN ('genuine', 'cancelled', 'superseded')),
  superseded_by text REFERENCES issued_documents(code),
  status_changed_at timestamptz,
  issued_at timestamptz NOT NULL,
  UNIQUE (kind, subject_id, subject_version)
);
COMMENT ON TABLE issued_documents IS 'Every signed document issued by this node, by public verification code. Personal data: served in full only to its holder; /verify shows key terms with masked names.';
COMMENT ON COLUMN issued_documents.signatures IS 'General JWS signatures (RFC 7515 §7.2.1) over the canonical payload: the partner node''s and this node''s.';
COMMENT ON COLUMN issued_documents.qr_token IS 'Compact JWS (this node) over the code, digest and masked key terms: carried in the QR for offline checks.';
COMMENT ON COLUMN issued_documents.register_index IS 'Leaf index in this node''s transparency register (leaf data holds only the salted digest).';

CREATE TABLE contract_alerts (
  id uuid PRIMARY KEY,
  contract_id uuid NOT NULL,
  version integer NOT NULL,
  citizen_id uuid NOT NULL REFERENCES citizens(id),
  country text NOT NULL REFERENCES countries(iso2),
  kind text NOT NULL CHECK (kind IN ('destination_registration_differs', 'second_contract_for_worker')),
  diff jsonb NOT NULL,
  destination_reference text,
  created_at timestamptz NOT NULL
);
CREATE INDEX contract_alerts_citizen_idx ON contract_alerts (citizen_id, created_at DESC);
CREATE INDEX contract_alerts_created_idx ON contract_alerts (created_at DESC);
COMMENT ON TABLE contract_alerts IS 'Substitution alerts (ILO General Principle 8): the destination registered a contract that differs from the concluded one. Shown to the worker and to overseas officers.';
