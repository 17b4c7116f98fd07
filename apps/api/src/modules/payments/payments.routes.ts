import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApplicationFeeStatus, CashPaymentRequest, CheckoutResponse, DevCheckoutView, IdParams, ProviderRefParams } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireCitizen, requireStaff } from '../../platform/auth/principal.ts';
import { malformedIdIsNotFound } from '../../http/malformed-id.ts';
import * as svc from './payments.service.ts';
import type { PaymentsDeps } from './payments.service.ts';

const tags = ['e-services'];
/** Callbacks are small JSON documents. */
const CALLBACK_BODY_LIMIT = 16_384;

/**
 * Fees of e-service applications (issue 5 §6), under /api/v1. Amounts are piastres (EGP minor units).
 * `devTools`: also the fake provider's checkout page API (`/dev/pay/{ref}`).
 */
export function paymentRoutes(deps: PaymentsDeps, options: { devTools: boolean }): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // An application id that is not a UUID, or a provider reference not of its shape, is not found (404), like one that names nothing.
    malformedIdIsNotFound(app, (param) =>
      param === 'id' ? 'service_application_not_found' : param === 'ref' ? { code: 'payment_not_found', wellFormed: (v) => ProviderRefParams.shape.ref.safeParse(v).success } : null,
    );

    /**
     * Applicant, or staff of the application's scope once submitted: the fee (piastres, exemption) and its
     * status — `not_required`, `due`, `pending` (online checkout started), `paid`, `waived` — with the
     * payments recorded. 404; 403 `out_of_scope`.
     */
    app.get('/applications/:id/payment', { schema: { tags, params: IdParams, response: { 200: ApplicationFeeStatus, ...problemResponses } } }, (req) => svc.feeStatus(deps, req.principal, req.params.id));

    /**
     * Citizen: starts paying the fee online; answers the provider's checkout URL to send the browser to (the
     * fake provider: `/dev/pay/{ref}`) and its reference. 201. 409 `fee_not_due`, `fee_already_settled`,
     * `service_application_state`.
     */
    app.post('/my/applications/:id/payments/online', { schema: { tags, params: IdParams, response: { 201: CheckoutResponse, ...problemResponses } } }, async (req, reply) =>
      reply.code(201).send(await svc.startOnline(deps, requireCitizen(req.principal).citizenId, req.params.id)),
    );

    /**
     * Clerk or office head of the application's office: records the fee paid in cash at the counter with the
     * paper receipt's number (3–40 of A–Z, 0–9, `/`, `-`); audited. 403 `out_of_scope`; 409 `fee_not_due`,
     * `fee_already_settled`, `receipt_number_used`.
     */
    app.post('/office/applications/:id/payments/cash', { schema: { tags, params: IdParams, body: CashPaymentRequest, response: { 200: ApplicationFeeStatus, ...problemResponses } } }, (req) =>
      svc.recordCash(deps, requireStaff(req.principal), req.params.id, req.body.receiptNumber),
    );

    if (options.devTools) {
      /** Development, citizen: the fake provider's checkout (amount, application reference, status). 404 `payment_not_found`. */
      app.get('/dev/pay/:ref', { schema: { tags: ['development'], params: ProviderRefParams, response: { 200: DevCheckoutView, ...problemResponses } } }, (req) =>
        svc.devCheckout(deps, requireCitizen(req.principal).citizenId, req.params.ref),
      );
      /** Development, citizen: "Pay" on the fake checkout — the fake provider sends its HMAC-signed `paid` callback. */
      app.post('/dev/pay/:ref', { schema: { tags: ['development'], params: ProviderRefParams, response: { 200: DevCheckoutView, ...problemResponses } } }, (req) =>
        svc.devPay(deps, requireCitizen(req.principal).citizenId, req.params.ref),
      );
    }
  };
}

/**
 * `POST /webhooks/payments/{provider}` (outside /api/: the provider has no CSRF token; it proves itself by
 * the signature): the provider's callback. The raw body is kept for the HMAC-SHA256 check
 * (`X-Rabt-Signature: t=<unix s>,v1=<hex>`, over `<t>.<raw body>`, ±300 s; timing-safe compare).
 * 200 `{ providerRef, status, duplicate }` — the same callback twice records one payment. 401
 * `payment_signature_invalid` (unsigned, wrong or stale: nothing recorded), 404 `payment_not_found`.
 */
export function paymentWebhookRoutes(deps: PaymentsDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: CALLBACK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    app.post(
      '/webhooks/payments/:provider',
      {
        bodyLimit: CALLBACK_BODY_LIMIT,
        schema: { tags, params: z.strictObject({ provider: z.string().regex(/^[a-z0-9_-]{1,32}$/) }), response: { 200: z.object({ providerRef: z.string(), status: z.string(), duplicate: z.boolean() }), ...problemResponses } },
      },
      async (req) => {
        if (req.params.provider !== deps.provider.name) throw Object.assign(new Error('not found'), { statusCode: 404 });
        return svc.handleCallback(deps, req.headers, typeof req.body === 'string' ? req.body : '');
      },
    );
  };
}
