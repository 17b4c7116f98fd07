// C2SP signed notes (https://c2sp.org/signed-note), transparency-log checkpoints
// (https://c2sp.org/tlog-checkpoint) and Ed25519 witness cosignatures, cosignature/v1
// (https://c2sp.org/tlog-cosignature). Compatible with golang.org/x/mod/sumdb/note and the Go
// tooling of transparency-dev. Isomorphic: verification uses WebCrypto Ed25519
// (globalThis.crypto.subtle, Node ≥ 20 and Chromium); signing is a callback so the server can use
// node:crypto. Verification failures are structured results with stable reason codes, never throws.
import { sha256 } from '@noble/hashes/sha2.js';

/** Signature type byte for Ed25519 note signatures (signed-note, "Signature types": 0x01). */
export const ALG_ED25519 = 0x01;
/** Signature type byte for timestamped Ed25519 witness cosignatures (tlog-cosignature, cosignature/v1: 0x04). */
export const ALG_COSIGNATURE_V1 = 0x04;
/** Most signature lines accepted in one note (signed-note requires ≥ 16; sumdb/note uses 100). */
export const MAX_NOTE_SIGNATURES = 100;

const SIG_PREFIX = '\u2014 '; // em dash U+2014 and space (signed-note, "Format")
const ED25519_SIG_SIZE = 64;
const ED25519_KEY_SIZE = 32;
const COSIG_PAYLOAD_SIZE = 8 + ED25519_SIG_SIZE; // u64 timestamp ‖ signature (tlog-cosignature, "Format")

/**
 * Stable reason codes shown by the UI:
 * - malformed: the note, checkpoint, key string or signature line does not follow its format;
 * - bad_signature: a signature by a known key (name and key ID match) does not verify;
 * - unknown_key: no signature in the note is by a known key (or a line is not by the given key);
 * - ambiguous_key: two configured verifier keys share a name and key ID;
 * - unsupported_algorithm: a verifier key uses a signature type other than 0x01 or 0x04;
 * - key_id_mismatch: a verifier key string's key ID is not the hash of its name and key.
 */
export type NoteFailureReason = 'malformed' | 'bad_signature' | 'unknown_key' | 'ambiguous_key' | 'unsupported_algorithm' | 'key_id_mismatch';

/** A verification or parsing failure: a stable `reason` plus an English `detail` for logs and developers. */
export interface NoteFailure {
  ok: false;
  reason: NoteFailureReason;
  detail: string;
}

/** A public key a verifier trusts: name, signature type (0x01 note signature, 0x04 cosignature/v1), 4-byte key ID, 32-byte Ed25519 key. */
export interface VerifierKey {
  name: string;
  alg: number;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/** Something that signs: the key name, its 4-byte key ID (noteKeyId) and an Ed25519 signing callback returning 64 bytes. */
export interface NoteSigner {
  name: string;
  keyId: Uint8Array;
  sign(msg: Uint8Array): Promise<Uint8Array>;
}

/** A checkpoint body (tlog-checkpoint, "Note text"): origin, tree size, 32-byte RFC 6962 root hash, extension lines. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions: string[];
}

/** One signature line of a note, undecoded beyond the key ID: `payload` is the bytes after the 4-byte key ID. */
export interface NoteSignatureLine {
  name: string;
  keyId: Uint8Array;
  payload: Uint8Array;
}

/** One signature of an opened note. `verified` is true only for known keys; cosignatures also carry their POSIX `timestamp` (seconds). */
export interface NoteSignatureStatus {
  name: string;
  keyId: Uint8Array;
  verified: boolean;
  alg?: number;
  timestamp?: number;
}

/** An opened note: its text (with final newline) and every distinct signature line, verified or not. */
export interface OpenedNote {
  ok: true;
  text: string;
  signatures: NoteSignatureStatus[];
}

const fail = (reason: NoteFailureReason, detail: string): NoteFailure => ({ ok: false, reason, detail });

/** Thrown by the parsers of trusted configuration (parseVerifierKey) and of verified note text (parseCheckpoint). */
export class NoteFormatError extends Error {
  readonly reason: NoteFailureReason;
  constructor(reason: NoteFailureReason, detail: string) {
    super(detail);
    this.name = 'NoteFormatError';
    this.reason = reason;
  }
}

// ---------------------------------------------------------------------------------------------
// Bytes, strict standard base64 (RFC 4648 §4, with padding, canonical), UTF-8.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));
const utf8 = new TextEncoder();

function encodeBase64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < b.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < b.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** Standard base64 with padding; null unless `s` is the canonical encoding of its bytes. */
function decodeBase64Strict(s: string): Uint8Array | null {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const n = (B64_INDEX.get(s[i]!)! << 18) | (B64_INDEX.get(s[i + 1]!)! << 12) | ((B64_INDEX.get(s[i + 2]!) ?? 0) << 6) | (B64_INDEX.get(s[i + 3]!) ?? 0);
    for (const shift of [16, 8, 0]) if (o < out.length) out[o++] = (n >> shift) & 255;
  }
  return encodeBase64(out) === s ? out : null;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- the point is to find ASCII control characters
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f]/;

/** signed-note "Format": valid UTF-8 (no lone surrogates) and no ASCII control character other than newline. */
function isValidNoteChars(s: string): boolean {
  return !LONE_SURROGATE.test(s) && !CONTROL_EXCEPT_NEWLINE.test(s);
}

/** Key names are non-empty with no Unicode space and no plus (signed-note "Format"; Go's unicode.IsSpace includes U+0085). */
function isValidKeyName(name: string): boolean {
  return name.length > 0 && /^[^\s\u0085+]+$/u.test(name) && isValidNoteChars(name);
}

// ---------------------------------------------------------------------------------------------
// Keys.

/**
 * Key ID = SHA-256(name ‖ 0x0A ‖ alg ‖ publicKey)[:4] (signed-note, "Signatures"; tlog-cosignature,
 * "Format", with alg 0x04). Returns 4 bytes (the big-endian uint32 of the spec).
 */
export function noteKeyId(name: string, alg: number, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(utf8.encode(name), Uint8Array.of(0x0a, alg), publicKey)).slice(0, 4);
}

/** Builds a VerifierKey for an Ed25519 public key (32 bytes), computing its key ID. Throws TypeError on a bad name, alg or key. */
export function newVerifierKey(name: string, alg: number, publicKey: Uint8Array): VerifierKey {
  if (!isValidKeyName(name)) throw new TypeError(`invalid note key name ${JSON.stringify(name)}`);
  if (alg !== ALG_ED25519 && alg !== ALG_COSIGNATURE_V1) throw new TypeError(`unsupported signature type 0x${alg.toString(16)}`);
  if (publicKey.length !== ED25519_KEY_SIZE) throw new TypeError('Ed25519 public key must be 32 bytes');
  return { name, alg, keyId: noteKeyId(name, alg, publicKey), publicKey: Uint8Array.from(publicKey) };
}

/**
 * Verifier key string `name+hex8(keyId)+base64(alg ‖ publicKey)` (signed-note verifier keys; the
 * sumdb/note NewVerifier format). Takes a VerifierKey, or (name, alg, publicKey) and computes the key ID.
 */
export function encodeVerifierKey(key: VerifierKey): string;
export function encodeVerifierKey(name: string, alg: number, publicKey: Uint8Array): string;
export function encodeVerifierKey(keyOrName: VerifierKey | string, alg?: number, publicKey?: Uint8Array): string {
  const key = typeof keyOrName === 'string' ? newVerifierKey(keyOrName, alg!, publicKey!) : keyOrName;
  return `${key.name}+${hex(key.keyId)}+${encodeBase64(concat(Uint8Array.of(key.alg), key.publicKey))}`;
}

/**
 * Parses a verifier key string `name+hex8+base64(alg ‖ key)` as sumdb/note NewVerifier does: the key
 * ID must be 8 hex digits equal to the computed key ID, alg 0x01 or 0x04 with a 32-byte Ed25519 key.
 * Keys are trusted configuration, so a bad one throws NoteFormatError with reason 'malformed',
 * 'key_id_mismatch' or 'unsupported_algorithm'. See tryParseVerifierKey for a structured result.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const r = tryParseVerifierKey(vkey);
  if (!r.ok) throw new NoteFormatError(r.reason, r.detail);
  return r.key;
}

/** parseVerifierKey returning `{ ok: true, key }` or a NoteFailure instead of throwing. */
export function tryParseVerifierKey(vkey: string): { ok: true; key: VerifierKey } | NoteFailure {
  const p1 = vkey.indexOf('+');
  const p2 = p1 < 0 ? -1 : vkey.indexOf('+', p1 + 1);
  if (p2 < 0) return fail('malformed', 'verifier key must be name+keyid+key');
  const name = vkey.slice(0, p1);
  const id16 = vkey.slice(p1 + 1, p2);
  const raw = decodeBase64Strict(vkey.slice(p2 + 1));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(id16) || raw === null || raw.length === 0) {
    return fail('malformed', 'verifier key has a bad name, key ID or base64 key');
  }
  const alg = raw[0]!;
  const publicKey = raw.slice(1);
  if (!bytesEqual(noteKeyId(name, alg, publicKey), Uint8Array.from(id16.match(/../g)!, (h) => parseInt(h, 16)))) {
    return fail('key_id_mismatch', 'verifier key ID does not match its name and key');
  }
  if (alg !== ALG_ED25519 && alg !== ALG_COSIGNATURE_V1) return fail('unsupported_algorithm', `signature type 0x${alg.toString(16)}`);
  if (publicKey.length !== ED25519_KEY_SIZE) return fail('malformed', 'Ed25519 public key must be 32 bytes');
  return { ok: true, key: { name, alg, keyId: noteKeyId(name, alg, publicKey), publicKey } };
}

const importedKeys = new WeakMap<VerifierKey, Promise<CryptoKey>>();

async function ed25519Verify(key: VerifierKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== ED25519_SIG_SIZE) return false;
  let imported = importedKeys.get(key);
  if (!imported) {
    imported = globalThis.crypto.subtle.importKey('raw', concat(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    importedKeys.set(key, imported);
  }
  try {
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, await imported, concat(signature), concat(message));
  } catch {
    return false; // an invalid public key or signature encoding is a failed verification
  }
}

// ---------------------------------------------------------------------------------------------
// Checkpoints.

/**
 * Formats a checkpoint body (tlog-checkpoint, "Note text"): "origin\nsize\nbase64(root)\n" followed by
 * any extension lines. Throws TypeError on an empty or multi-line origin, a size that is not a safe
 * non-negative integer, a root that is not 32 bytes, or an empty/multi-line extension.
 */
export function formatCheckpoint(c: { origin: string; size: number; rootHash: Uint8Array; extensions?: string[] }): string {
  const lines = [c.origin, ...(c.extensions ?? [])];
  if (lines.some((l) => l.length === 0 || l.includes('\n') || !isValidNoteChars(l))) throw new TypeError('checkpoint origin and extension lines must be non-empty single lines');
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new TypeError(`checkpoint size must be a non-negative integer, got ${c.size}`);
  if (c.rootHash.length !== 32) throw new TypeError('checkpoint root hash must be 32 bytes');
  return [c.origin, String(c.size), encodeBase64(c.rootHash), ...(c.extensions ?? [])].join('\n') + '\n';
}

/**
 * Parses a checkpoint body strictly (tlog-checkpoint, "Note text"): at least three non-empty lines,
 * each newline-terminated; decimal size without leading zeros (≤ 2^53 − 1); canonical base64 of a
 * 32-byte root hash; non-empty extension lines. Pass the `text` of an opened (verified) note.
 * Throws NoteFormatError (reason 'malformed'); see tryParseCheckpoint for a structured result.
 */
export function parseCheckpoint(text: string): Checkpoint {
  const r = tryParseCheckpoint(text);
  if (!r.ok) throw new NoteFormatError(r.reason, r.detail);
  return r.checkpoint;
}

/** parseCheckpoint returning `{ ok: true, checkpoint }` or a NoteFailure instead of throwing. */
export function tryParseCheckpoint(text: string): { ok: true; checkpoint: Checkpoint } | NoteFailure {
  if (!text.endsWith('\n') || !isValidNoteChars(text)) return fail('malformed', 'checkpoint must be newline-terminated text without control characters');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((l) => l.length === 0)) return fail('malformed', 'checkpoint needs origin, size and root hash lines, none empty');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) return fail('malformed', 'checkpoint size must be decimal without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return fail('malformed', 'checkpoint size is too large');
  const rootHash = decodeBase64Strict(rootText);
  if (rootHash === null || rootHash.length !== 32) return fail('malformed', 'checkpoint root hash must be base64 of 32 bytes');
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

// ---------------------------------------------------------------------------------------------
// Notes.

function formatSignatureLine(name: string, keyId: Uint8Array, payload: Uint8Array): string {
  return `${SIG_PREFIX}${name} ${encodeBase64(concat(keyId, payload))}\n`;
}

function checkNoteText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n') || !isValidNoteChars(text)) {
    throw new TypeError('note text must be non-empty, end with a newline and contain no control characters other than newline');
  }
}

function checkSigner(s: { name: string; keyId: Uint8Array }): void {
  if (!isValidKeyName(s.name)) throw new TypeError(`invalid signer name ${JSON.stringify(s.name)}`);
  if (s.keyId.length !== 4) throw new TypeError('signer key ID must be 4 bytes');
}

/**
 * Signs a note (signed-note, "Format"): returns text, a blank line, and one line per signer
 * "— <name> base64(keyId ‖ signature)" where each signer signs the UTF-8 text. The text must be
 * non-empty and end with a newline. Throws TypeError on bad text or signer; signer errors propagate.
 */
export async function signNote(text: string, signers: NoteSigner[]): Promise<string> {
  checkNoteText(text);
  if (signers.length === 0) throw new TypeError('signNote needs at least one signer');
  const msg = utf8.encode(text);
  let lines = '';
  for (const s of signers) {
    checkSigner(s);
    lines += formatSignatureLine(s.name, s.keyId, await s.sign(msg));
  }
  return `${text}\n${lines}`;
}

function parseSignatureLine(line: string): NoteSignatureLine | null {
  if (!line.startsWith(SIG_PREFIX)) return null;
  const rest = line.slice(SIG_PREFIX.length);
  const sp = rest.indexOf(' ');
  if (sp < 0) return null;
  const name = rest.slice(0, sp);
  const raw = decodeBase64Strict(rest.slice(sp + 1));
  if (!isValidKeyName(name) || raw === null || raw.length < 5) return null;
  return { name, keyId: raw.slice(0, 4), payload: raw.slice(4) };
}

/**
 * Splits a signed note into its text and signature lines without verifying anything (signed-note,
 * "Format"): valid UTF-8 with no control characters but newline; the text is everything up to the
 * last blank line; then 1..MAX_NOTE_SIGNATURES lines "— name base64", each newline-terminated, with at
 * least 5 decoded bytes. Never trust the text of an unverified note: use openNote.
 */
export function parseNote(note: string): { ok: true; text: string; signatures: NoteSignatureLine[] } | NoteFailure {
  if (!isValidNoteChars(note)) return fail('malformed', 'note contains control characters or invalid UTF-16');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return fail('malformed', 'note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) return fail('malformed', 'note signature block is empty or not newline-terminated');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) return fail('malformed', `note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  const signatures: NoteSignatureLine[] = [];
  for (const l of lines) {
    const s = parseSignatureLine(l);
    if (!s) return fail('malformed', 'note has a malformed signature line');
    signatures.push(s);
  }
  return { ok: true, text, signatures };
}

function readTimestamp(payload: Uint8Array): number | null {
  if (payload.length < 8) return null;
  const t = new DataView(payload.buffer, payload.byteOffset, 8).getBigUint64(0, false);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
}

/**
 * Opens a signed note against trusted keys (signed-note, "Signatures"): signatures whose name and key
 * ID match no key are kept as unverified; a signature by a known key must verify (else 'bad_signature'
 * for the whole note); at least one must ('unknown_key' otherwise). Keys with alg 0x01 verify Ed25519
 * over the text; keys with alg 0x04 verify cosignature/v1 over cosignatureMessage(text, timestamp)
 * and report the timestamp. Identical duplicate lines are reported once. Never throws.
 */
export async function openNote(note: string, verifiers: VerifierKey[]): Promise<OpenedNote | NoteFailure> {
  const parsed = parseNote(note);
  if (!parsed.ok) return parsed;
  const seen = new Set<string>();
  const signatures: NoteSignatureStatus[] = [];
  let verifiedCount = 0;
  for (const s of parsed.signatures) {
    const dedupKey = `${s.name} ${hex(s.keyId)} ${encodeBase64(s.payload)}`;
    if (seen.has(dedupKey)) continue;
    seen.add(dedupKey);
    const matches = verifiers.filter((v) => v.name === s.name && bytesEqual(v.keyId, s.keyId));
    if (matches.length === 0) {
      signatures.push({ name: s.name, keyId: s.keyId, verified: false });
      continue;
    }
    if (matches.length > 1) return fail('ambiguous_key', `two verifier keys are named ${s.name}+${hex(s.keyId)}`);
    const key = matches[0]!;
    const check = await verifyLinePayload(parsed.text, key, s.payload);
    if (!check.ok) return check;
    verifiedCount++;
    signatures.push({ name: s.name, keyId: s.keyId, verified: true, alg: key.alg, ...(check.timestamp === undefined ? {} : { timestamp: check.timestamp }) });
  }
  if (verifiedCount === 0) return fail('unknown_key', 'no signature in the note is by a known key');
  return { ok: true, text: parsed.text, signatures };
}

async function verifyLinePayload(text: string, key: VerifierKey, payload: Uint8Array): Promise<{ ok: true; timestamp?: number } | NoteFailure> {
  const who = `${key.name}+${hex(key.keyId)}`;
  if (key.alg === ALG_ED25519) {
    return (await ed25519Verify(key, utf8.encode(text), payload)) ? { ok: true } : fail('bad_signature', `invalid signature for key ${who}`);
  }
  if (key.alg === ALG_COSIGNATURE_V1) {
    if (payload.length !== COSIG_PAYLOAD_SIZE) return fail('bad_signature', `invalid cosignature for key ${who}`);
    const timestamp = readTimestamp(payload);
    if (timestamp === null) return fail('bad_signature', `cosignature timestamp out of range for key ${who}`);
    const ok = await ed25519Verify(key, cosignatureMessage(text, timestamp), payload.subarray(8));
    return ok ? { ok: true, timestamp } : fail('bad_signature', `invalid cosignature for key ${who}`);
  }
  return fail('unsupported_algorithm', `key ${who} has signature type 0x${key.alg.toString(16)}`);
}

// ---------------------------------------------------------------------------------------------
// Witness cosignatures, cosignature/v1 (tlog-cosignature, "Ed25519 signed message").

/**
 * The message an Ed25519 cosigner signs: "cosignature/v1\ntime <t>\n" followed by the whole checkpoint
 * body (with its final newline, without signature lines); t is a POSIX timestamp in seconds, decimal
 * without leading zeros. Returned as UTF-8 bytes. Throws TypeError on a bad timestamp.
 */
export function cosignatureMessage(checkpointText: string, timestampSeconds: number): Uint8Array {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new TypeError(`bad cosignature timestamp ${timestampSeconds}`);
  return utf8.encode(`cosignature/v1\ntime ${timestampSeconds}\n${checkpointText}`);
}

/**
 * A cosignature/v1 signature line (without trailing newline):
 * "— <name> base64(keyId(4) ‖ timestamp(8, big-endian) ‖ Ed25519 signature(64))" (tlog-cosignature, "Format").
 * Throws TypeError on a bad name, key ID, timestamp or signature length.
 */
export function cosignatureLine(name: string, keyId: Uint8Array, timestampSeconds: number, signature: Uint8Array): string {
  checkSigner({ name, keyId });
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new TypeError(`bad cosignature timestamp ${timestampSeconds}`);
  if (signature.length !== ED25519_SIG_SIZE) throw new TypeError('Ed25519 signature must be 64 bytes');
  const ts = new Uint8Array(8);
  new DataView(ts.buffer).setBigUint64(0, BigInt(timestampSeconds), false);
  return formatSignatureLine(name, keyId, concat(ts, signature)).slice(0, -1);
}

/**
 * Parses a cosignature/v1 line (trailing newline optional) without verifying it: name, 4-byte key ID,
 * timestamp (POSIX seconds) and 64-byte signature. Null when the line is malformed, its payload is not
 * 8 + 64 bytes, or the timestamp exceeds 2^53 − 1.
 */
export function parseCosignatureLine(line: string): { name: string; keyId: Uint8Array; timestamp: number; signature: Uint8Array } | null {
  const s = parseLooseLine(line);
  if (!s || s.payload.length !== COSIG_PAYLOAD_SIZE) return null;
  const timestamp = readTimestamp(s.payload);
  if (timestamp === null) return null;
  return { name: s.name, keyId: s.keyId, timestamp, signature: s.payload.slice(8) };
}

function parseLooseLine(signatureLine: string): NoteSignatureLine | null {
  const line = signatureLine.endsWith('\n') ? signatureLine.slice(0, -1) : signatureLine;
  return line.includes('\n') || !isValidNoteChars(line) ? null : parseSignatureLine(line);
}

/**
 * Cosigns a checkpoint body as a witness and returns the cosignatureLine (no trailing newline). The
 * cosigner's key ID must be noteKeyId(name, 0x04, publicKey). The caller must first have checked that
 * the checkpoint is consistent with every earlier one it saw for that origin (tlog-cosignature).
 */
export async function cosignCheckpoint(checkpointText: string, cosigner: NoteSigner, timestampSeconds: number): Promise<string> {
  checkNoteText(checkpointText);
  checkSigner(cosigner);
  const sig = await cosigner.sign(cosignatureMessage(checkpointText, timestampSeconds));
  return cosignatureLine(cosigner.name, cosigner.keyId, timestampSeconds, sig);
}

/**
 * Verifies one cosignature line ("— name base64(...)", trailing newline optional) on a checkpoint body
 * against a cosigner key (alg 0x04). Returns the cosignature's timestamp (seconds). Reasons: 'malformed'
 * (not a signature line), 'unsupported_algorithm' (key is not 0x04), 'unknown_key' (the line's name or
 * key ID is not this key's), 'bad_signature'. Never throws.
 */
export async function verifyCosignature(checkpointText: string, signatureLine: string, key: VerifierKey): Promise<{ ok: true; timestamp: number } | NoteFailure> {
  const s = parseLooseLine(signatureLine);
  if (!s) return fail('malformed', 'not a note signature line');
  if (key.alg !== ALG_COSIGNATURE_V1) return fail('unsupported_algorithm', 'cosignatures need a key of signature type 0x04');
  if (s.name !== key.name || !bytesEqual(s.keyId, key.keyId)) return fail('unknown_key', `line is by ${s.name}+${hex(s.keyId)}, not by ${key.name}+${hex(key.keyId)}`);
  const r = await verifyLinePayload(checkpointText, key, s.payload);
  if (!r.ok) return r;
  return { ok: true, timestamp: r.timestamp! };
}

/**
 * Adds signature lines (typically witness cosignatures, trailing newline optional) to a signed note,
 * replacing any existing line with the same key name and key ID (as sumdb/note Sign does). Verifies
 * nothing: check each line first with verifyCosignature. Throws TypeError on a malformed note or line.
 */
export function appendSignatureLines(note: string, signatureLines: string[]): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new TypeError(`appendSignatureLines: ${parsed.detail}`);
  const added = signatureLines.map((l) => {
    const s = parseLooseLine(l);
    if (!s) throw new TypeError('appendSignatureLines: malformed signature line');
    return s;
  });
  const id = (s: NoteSignatureLine) => `${s.name} ${hex(s.keyId)}`;
  const replaced = new Set(added.map(id));
  const all = [...parsed.signatures.filter((s) => !replaced.has(id(s))), ...added];
  if (all.length > MAX_NOTE_SIGNATURES) throw new TypeError(`appendSignatureLines: more than ${MAX_NOTE_SIGNATURES} signatures`);
  return `${parsed.text}\n${all.map((s) => formatSignatureLine(s.name, s.keyId, s.payload)).join('')}`;
}
