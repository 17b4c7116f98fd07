import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { ApplicationDocument } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { appendAudit, type Actor } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { DB } from '../../platform/db/schema.ts';
import { SERVICES } from '../eservices/definitions/index.ts';
import type { ServiceDefinition } from '../eservices/definitions.ts';
import { findApplicationRow, readableApplication } from './application-access.ts';
import type { DocumentStore } from './document-store.ts';
import { extensionOf, sniff } from './sniff.ts';
import * as repo from './uploads.repository.ts';

/**
 * Documents of e-service applications (issue 5 §6): uploads checked for type, size and content, stored
 * under a random id with their SHA-256, downloaded by the applicant and the staff of the application's
 * scope. Every upload and download is in the audit log (type, size, hash; never the contents).
 */
export type UploadsDeps = Pick<AppDeps, 'db' | 'clock' | 'config'> & { store: DocumentStore };

/** States in which the applicant may add documents: a draft, or when the office asked for information. */
const UPLOAD_STATES = ['draft', 'info_requested'];

const view = (r: { id: string; application_id: string; document_type: string; content_type: string; size_bytes: number; sha256: string; created_at: Date }): ApplicationDocument => ({
  id: r.id,
  type: r.document_type,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  sha256: r.sha256,
  uploadedAt: new Date(r.created_at).toISOString(),
  downloadUrl: `/api/v1/applications/${r.application_id}/documents/${r.id}`,
});

/**
 * Uploads one document to the caller's application. Order of checks: the application is the caller's
 * (404) and accepts documents (409 `upload_state`); the type is one the definition asks for (422
 * `upload_type_unknown`); size 1..min(type maxBytes, UPLOADS_MAX_BYTES) (422 `upload_empty`, 413
 * `upload_too_large`); the content sniffed from its magic bytes is one of the type's acceptedMimeTypes
 * and nothing executable (415 `upload_content_refused`). The bytes go to the store under a fresh UUID,
 * then the row and the audit entry commit together; if that fails the bytes are deleted: on any
 * refusal nothing is saved (no row, no file).
 */
export async function upload(deps: UploadsDeps, citizenId: string, applicationId: string, type: string, bytes: Buffer): Promise<ApplicationDocument> {
  const app = await findApplicationRow(deps.db, applicationId);
  if (!app || app.applicant_citizen_id !== citizenId) throw new AppError('service_application_not_found');
  if (!UPLOAD_STATES.includes(app.status)) throw new AppError('upload_state');
  const def = SERVICES.get(app.service_code);
  const docDef = def?.documents.find((d) => d.type === type);
  if (!docDef) throw new AppError('upload_type_unknown', { detail: `Accepted types: ${def?.documents.map((d) => d.type).join(', ') ?? ''}.` });
  if (bytes.length === 0) throw new AppError('upload_empty');
  const limit = Math.min(docDef.maxBytes, deps.config.uploads.maxBytes);
  if (bytes.length > limit) throw new AppError('upload_too_large', { detail: `At most ${limit} bytes.`, extensions: { maxBytes: String(limit) } });
  const sniffed = await sniff(bytes);
  if (!sniffed.ok || !docDef.acceptedMimeTypes.includes(sniffed.mime)) {
    throw new AppError('upload_content_refused', { detail: `Accepted: ${docDef.acceptedMimeTypes.join(', ')}.`, extensions: { sniffed: sniffed.ok ? sniffed.mime : sniffed.reason } });
  }
  const id = randomUUID();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = deps.clock();
  await deps.store.put(id, bytes, sniffed.mime);
  try {
    await deps.db.transaction().execute(async (trx) => {
      // Re-checked under the row lock: a submit in between must not see a half-added document.
      const locked = await findApplicationRow(trx, applicationId, true);
      if (!locked || !UPLOAD_STATES.includes(locked.status)) throw new AppError('upload_state');
      await repo.insertDocument(trx, { id, application_id: applicationId, document_type: type, content_type: sniffed.mime, size_bytes: bytes.length, sha256, uploaded_by_citizen_id: citizenId, created_at: now });
      await appendAudit(
        trx,
        { kind: 'citizen', id: citizenId },
        { action: 'service_application.document_uploaded', subjectType: 'service_application', subjectId: applicationId, officeId: locked.office_id, details: { document: id, type, contentType: sniffed.mime, sizeBytes: bytes.length, sha256 } },
        now,
      );
    });
  } catch (err) {
    await deps.store.delete(id).catch(() => undefined);
    throw err;
  }
  return view({ id, application_id: applicationId, document_type: type, content_type: sniffed.mime, size_bytes: bytes.length, sha256, created_at: now });
}

/** The application's uploaded documents, oldest first (applicant, or staff of its scope once submitted). */
export async function list(deps: UploadsDeps, principal: Principal, applicationId: string): Promise<ApplicationDocument[]> {
  const app = await readableApplication(deps.db, principal, applicationId);
  return (await repo.listDocuments(deps.db, app.id)).map(view);
}

function actorOf(principal: Principal): Actor {
  if (principal.kind === 'citizen') return { kind: 'citizen', id: principal.citizenId };
  if (principal.kind === 'staff') return { kind: 'staff', id: principal.staffId, officeId: principal.officeId };
  return { kind: 'system' };
}

/**
 * Opens one document for download: the applicant, or staff of the application's scope (403
 * `out_of_scope` otherwise; another citizen gets 404). The download is audited before the bytes are sent.
 * Returns the stream, the sniffed content type and a safe attachment file name (`<type>-<reference>.<ext>`).
 */
export async function download(deps: UploadsDeps, principal: Principal, applicationId: string, docId: string): Promise<{ stream: Readable; contentType: string; fileName: string; sizeBytes: number; sha256: string }> {
  const app = await readableApplication(deps.db, principal, applicationId);
  const doc = await repo.findDocument(deps.db, app.id, docId);
  if (!doc) throw new AppError('upload_not_found');
  const now = deps.clock();
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, actorOf(principal), { action: 'service_application.document_downloaded', subjectType: 'service_application', subjectId: app.id, officeId: app.office_id, details: { document: doc.id, type: doc.document_type } }, now),
  );
  const stream = await deps.store.get(doc.id);
  return { stream, contentType: doc.content_type, fileName: `${doc.document_type}-${app.reference}.${extensionOf(doc.content_type)}`, sizeBytes: doc.size_bytes, sha256: doc.sha256 };
}

/**
 * Submit gate (called by the workflow inside the submit transaction): every required document of the
 * definition, and the proof document of a claimed fee exemption, must have been uploaded (declaring
 * is no longer enough). 422 `required_documents_missing` with one field error per missing type at
 * `/documents/<type>`.
 */
export async function assertRequiredUploads(db: Kysely<DB> | Transaction<DB>, app: { id: string; fee_exemption: string | null; answers?: Record<string, unknown> }, def: ServiceDefinition): Promise<void> {
  const uploaded = await repo.uploadedTypes(db, app.id);
  // Always-required documents, those the answers make required (ServiceDefinition.requiredDocumentsFor), and a claimed exemption's proof.
  const needed = [...new Set([...def.documents.filter((d) => d.required).map((d) => d.type), ...(def.requiredDocumentsFor?.(app.answers ?? {}) ?? [])])];
  const proof = app.fee_exemption ? def.fee.exemptions.find((e) => e.code === app.fee_exemption)?.requiredDocument : undefined;
  if (proof && !needed.includes(proof)) needed.push(proof);
  const missing = needed.filter((t) => !uploaded.has(t));
  if (missing.length) throw new AppError('required_documents_missing', { fieldErrors: missing.map((t) => fieldError(`/documents/${t}`, 'required')) });
}
