/**
 * JSON Schemas (draft 2020-12) of federation v1, generated from the zod contracts so the document and the
 * code cannot drift: `node --import tsx apps/api/src/modules/federation/json-schemas.ts` rewrites
 * docs/federation-v1/schemas/, and json-schemas.test.ts fails when the committed files differ.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  FEDERATION_MESSAGE_TYPES,
  FederationBatchRequest,
  FederationBatchResponse,
  FederationEnvelope,
  FederationJwks,
  FederationMessageBodies,
  FederationMessageHeader,
  FederationReceipt,
  FederationReceiptHeader,
} from '@rabt/contracts';

export const SCHEMAS_DIR = join(import.meta.dirname, '../../../../../docs/federation-v1/schemas');
const BASE = 'https://rabt.example/federation/v1/schemas/';

function schema(file: string, title: string, description: string, s: z.ZodType): [string, string] {
  const json = { $id: `${BASE}${file}`, title, description, ...z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input' }) };
  return [file, JSON.stringify(json, null, 2) + '\n'];
}

/** File name → content. */
export function federationJsonSchemas(): Map<string, string> {
  const files = new Map<string, string>([
    schema('header.json', 'Message protected header', 'JWS protected header of a federation v1 message: exactly alg, kid and typ.', FederationMessageHeader),
    schema('envelope.json', 'Message envelope', 'The JWS payload of every federation v1 message. `body` is checked against the schema of its `type` (message.<type>.json).', FederationEnvelope),
    schema('receipt-header.json', 'Receipt protected header', 'JWS protected header of a receipt.', FederationReceiptHeader),
    schema('receipt.json', 'Receipt', 'The JWS payload of the receipt a node returns for every message it could identify.', FederationReceipt),
    schema('batch-request.json', 'Batch request', 'POST /federation/v1/batch body: up to 100 compact JWS messages (1 MiB).', FederationBatchRequest),
    schema('batch-response.json', 'Batch response', 'POST /federation/v1/batch answer: one result per message, in order.', FederationBatchResponse),
    schema('jwks.json', 'Node key set', 'GET /.well-known/jwks.json: the node\'s Ed25519 public keys; kid = RFC 7638 thumbprint.', FederationJwks),
  ]);
  for (const type of FEDERATION_MESSAGE_TYPES) {
    const envelope = FederationEnvelope.extend({ type: z.literal(type), body: FederationMessageBodies[type] });
    files.set(...schema(`message.${type}.json`, `Message ${type}`, `Envelope of a ${type} message, with its body schema.`, envelope));
  }
  return files;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [file, content] of federationJsonSchemas()) writeFileSync(join(SCHEMAS_DIR, file), content);
  process.stdout.write(`wrote ${federationJsonSchemas().size} schemas to ${SCHEMAS_DIR}\n`);
}
