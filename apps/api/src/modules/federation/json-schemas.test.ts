import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FEDERATION_MESSAGE_TYPES } from '@rabt/contracts';
import { federationJsonSchemas, SCHEMAS_DIR } from './json-schemas.ts';

test('the published JSON Schemas (docs/federation-v1/schemas) match the contracts the code enforces', () => {
  const generated = federationJsonSchemas();
  const committed = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.json'));
  assert.deepEqual(committed.sort(), [...generated.keys()].sort(), 'regenerate: node --import tsx apps/api/src/modules/federation/json-schemas.ts');
  for (const [file, content] of generated) assert.equal(readFileSync(join(SCHEMAS_DIR, file), 'utf8'), content, `${file} is out of date: regenerate it`);
  for (const type of FEDERATION_MESSAGE_TYPES) assert.ok(generated.has(`message.${type}.json`), `no schema for ${type}`);
});
