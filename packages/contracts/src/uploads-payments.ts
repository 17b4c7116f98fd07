import { z } from 'zod';
import { normalizeDigits } from './digits.ts';

/** Documents and fees of e-service applications (issue 5 §6). Amounts are piastres (EGP minor units, 1/100). */

export const DOCUMENT_TYPE_KEY = /^[a-z][a-z0-9_]{1,63}$/;

/** Query of `POST /api/v1/applications/{id}/documents` (body: the file's bytes, `application/octet-stream`). */
export const UploadDocumentQuery = z.strictObject({
  /** Type key from the service definition's documents list (e.g. `national_id_copy`). */
  type: z.string().regex(DOCUMENT_TYPE_KEY),
});
export type UploadDocumentQuery = z.infer<typeof UploadDocumentQuery>;

export const DocumentParams = z.strictObject({ id: z.uuid(), docId: z.uuid() });

/** An uploaded document: its sniffed type, size and SHA-256; never the user's file name. */
export const ApplicationDocument = z.object({
  id: z.uuid(),
  type: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
});
export type ApplicationDocument = z.infer<typeof ApplicationDocument>;

export const PaymentStatus = z.enum(['pending', 'paid', 'waived', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentRecord = z.object({
  id: z.uuid(),
  amountPiastres: z.number().int(),
  status: PaymentStatus,
  method: z.enum(['cash', 'online', 'exemption']),
  receiptNumber: z.string().nullable(),
  providerRef: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export type PaymentRecord = z.infer<typeof PaymentRecord>;

/**
 * The fee of an application and where its payment stands: `not_required` (free service), `due` (nothing
 * paid yet), `pending` (an online checkout started), `paid`, `waived` (exemption).
 */
export const ApplicationFeeStatus = z.object({
  applicationId: z.uuid(),
  reference: z.string(),
  amountPiastres: z.number().int(),
  exemption: z.string().nullable(),
  status: z.enum(['not_required', 'due', 'pending', 'paid', 'waived']),
  payments: z.array(PaymentRecord),
});
export type ApplicationFeeStatus = z.infer<typeof ApplicationFeeStatus>;

/** A clerk records a cash payment at the counter: the number printed on the paper receipt. */
export const CashPaymentRequest = z.strictObject({
  /** Arabic-Indic digits are accepted (stored as ASCII); letters upper-cased. */
  receiptNumber: z
    .string()
    .transform((v) => normalizeDigits(v).trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9/-]{3,40}$/)),
});
export type CashPaymentRequest = z.infer<typeof CashPaymentRequest>;

export const CheckoutResponse = z.object({ redirectUrl: z.string(), providerRef: z.string() });
export type CheckoutResponse = z.infer<typeof CheckoutResponse>;

export const ProviderRefParams = z.strictObject({ ref: z.string().regex(/^[A-Za-z0-9_-]{8,80}$/) });

/** The development payment page (`/dev/pay/{ref}`): what the fake provider charges for. */
export const DevCheckoutView = z.object({
  providerRef: z.string(),
  amountPiastres: z.number().int(),
  reference: z.string(),
  status: PaymentStatus,
  returnUrl: z.string(),
});
export type DevCheckoutView = z.infer<typeof DevCheckoutView>;
