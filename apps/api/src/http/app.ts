import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { PROBLEMS } from '@rabt/contracts';
import type { AppDeps } from './context.ts';
import { AppError, problem, zodIssueToFieldError } from './errors.ts';
import { WEB_DIST_DIR } from '../platform/paths.ts';
import { registerMetrics } from './metrics.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerPrincipal } from './principal-hook.ts';
import { platformRoutes } from './platform.routes.ts';
import { identityRoutes } from '../modules/identity/identity.routes.ts';
import { staffRoutes } from '../modules/staff/staff.routes.ts';
import { officeRoutes } from '../modules/offices/offices.routes.ts';
import { referenceRoutes } from '../modules/reference/reference.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { devRoutes } from '../modules/dev/dev.routes.ts';
import { federationRoutes } from '../modules/federation/federation.routes.ts';
import { registerRoutes } from '../modules/register/register.routes.ts';
import { workerRoutes } from '../modules/workers/workers.routes.ts';
import { employerRoutes, registerDestinationHandlers } from '../modules/employers/employers.routes.ts';
import { agencyRoutes } from '../modules/agencies/agencies.routes.ts';
import { destinationContractRoutes, originContractRoutes, registerContractHandlers } from '../modules/contracts/contracts.routes.ts';
import { contractDestinationDeps, contractOriginDeps } from '../modules/contracts/contracts.wiring.ts';
import { documentRoutes } from '../modules/documents/documents.routes.ts';
import { documentsDeps } from '../modules/documents/documents.wiring.ts';
import { eserviceRoutes } from '../modules/eservices/eservices.routes.ts';
import { eserviceMoreRoutes } from '../modules/eservices/eservices-more.routes.ts';
import { testingCentreRoutes } from '../modules/eservices/testing-centres.routes.ts';
import { elearningRoutes } from '../modules/elearning/elearning.routes.ts';
import { orientationRoutes } from '../modules/orientation/orientation.routes.ts';
import { elearningGradingReportsRoutes } from '../modules/elearning/grading-reports.routes.ts';
import { classroomRoutes } from '../modules/elearning/classrooms.routes.ts';
import { scormRoutes } from '../modules/elearning/scorm.routes.ts';
import { conferencingFor } from '../modules/elearning/classrooms.conferencing.ts';
import { uploadRoutes } from '../modules/uploads/uploads.routes.ts';
import { documentStoreFor } from '../modules/uploads/document-store.ts';
import { paymentRoutes, paymentWebhookRoutes } from '../modules/payments/payments.routes.ts';
import { paymentsDeps } from '../modules/payments/payments.wiring.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { dashboardRoutes } from '../modules/dashboards/dashboards.routes.ts';

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds one Rabt node's HTTP app. Everything is registered here so that tests, the start script and
 * the benchmarks run the same app: security headers (helmet), cookies, CSRF, rate limits, zod validation,
 * OpenAPI 3.1 at `/api/openapi.json` (docs at `/api/docs`), problem details (RFC 9457) for every error,
 * a correlation id on every response, metrics at `/metrics`, and the web app.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: deps.config.bodyLimitBytes,
    // Errors raised before routing (an undecodable URL, a bad Content-Type header) answer problem details too.
    frameworkErrors: (err, req, reply) => {
      const body = problem(mapFrameworkError(err), String(req.id), (req.url ?? '').split('?')[0] ?? '');
      void (reply as FastifyReply).code(body.status).header('x-correlation-id', body.correlationId).type('application/problem+json').send(body);
    },
    trustProxy: false,
    genReqId: (req) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    },
    logger:
      deps.config.logLevel === 'silent'
        ? false
        : {
            level: deps.config.logLevel,
            ...(deps.logStream ? { stream: deps.logStream } : {}),
            // Requests are logged by method, route and status only: no query strings, cookies or bodies (ASVS 16.2.5).
            serializers: { req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }) },
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
  }).withTypeProvider<ZodTypeProvider>();
  const webDist = deps.config.webDist ?? WEB_DIST_DIR;
  const hasWeb = existsSync(join(webDist, 'index.html'));

  // JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Graceful shutdown: once closing, in-flight responses ask the client to drop keep-alive, so the
  // server does not wait out the keep-alive timeout before closing the database.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-correlation-id', req.id);
    if (closing) reply.header('connection', 'close');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const instance = req.url.split('?')[0] ?? req.url;
    if (err instanceof AppError) {
      const body = problem(err.code, req.id, instance, { detail: err.options.detail, errors: err.options.fieldErrors, extensions: err.options.extensions });
      return reply.code(body.status).type('application/problem+json').send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = err.validationContext && err.validationContext !== 'body' ? `/${err.validationContext}` : '';
      const input: unknown = (req as unknown as Record<string, unknown>)[err.validationContext ?? 'body'];
      const errors = err.validation
        .flatMap((issue) => zodIssueToFieldError(issue as never, valueAt(input, (issue as { instancePath: string }).instancePath)))
        .map((e) => ({ ...e, pointer: prefix + e.pointer }));
      return reply.code(400).type('application/problem+json').send(problem('validation_failed', req.id, instance, { errors }));
    }
    const code = mapFrameworkError(err);
    if (code === 'internal_error') req.log.error({ err }, 'unhandled error');
    const body = problem(code, req.id, instance);
    return reply.code(body.status).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path.startsWith('/federation/') || path === '/metrics';
    if (req.method === 'GET' && !isApi && hasWeb && (req.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).type('application/problem+json').send(problem('not_found', req.id, path));
  });

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: deps.config.cookieSecure,
  });
  await app.register(cookie, { secret: deps.config.cookieSecret ?? randomUUID() + randomUUID() });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'rabt_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', secure: deps.config.cookieSecure, path: '/' },
    getToken: (req) => {
      const h = req.headers['x-csrf-token'];
      return typeof h === 'string' ? h : undefined;
    },
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (UNSAFE.has(req.method) && req.url.startsWith('/api/')) return app.csrfProtection(req, reply, done);
    done();
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => Object.assign(new AppError('rate_limited'), { statusCode: 429 }),
  });
  const metricsRegistry = registerMetrics(app);
  registerPrincipal(app, deps);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rabt API',
        version: '1.0.0',
        description: `Rabt (ربط) node API. Bodies are JSON. Every POST, PUT, PATCH and DELETE under /api/ needs the header x-csrf-token with a token from GET /api/v1/csrf (bound to a signed cookie). Errors are RFC 9457 problem details; codes: ${Object.keys(PROBLEMS).join(', ')}.`,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(platformRoutes(deps));
  await app.register(identityRoutes(deps), { prefix: '/api/v1' });
  await app.register(staffRoutes(deps), { prefix: '/api/v1' });
  await app.register(officeRoutes(deps), { prefix: '/api/v1' });
  await app.register(referenceRoutes(deps), { prefix: '/api/v1' });
  await app.register(auditRoutes(deps), { prefix: '/api/v1' });
  if (deps.devTools) await app.register(devRoutes(deps), { prefix: '/api/v1' });
  await app.register(federationRoutes(deps));
  await app.register(registerRoutes(deps, metricsRegistry), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(workerRoutes(deps), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(agencyRoutes(deps), { prefix: '/api/v1' });
  if (deps.config.country !== 'EG') registerDestinationHandlers(deps);
  if (deps.config.country !== 'EG') await app.register(employerRoutes(deps), { prefix: '/api/v1' });
  const documents = documentsDeps(deps);
  await app.register(documentRoutes(documents), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(eserviceRoutes({ ...deps, documents }), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') {
    // E-service documents and fees (issue 5 §6).
    await app.register(uploadRoutes({ ...deps, store: documentStoreFor(deps.config) }), { prefix: '/api/v1' });
    const payments = paymentsDeps(deps);
    await app.register(paymentRoutes(payments, { devTools: deps.devTools }), { prefix: '/api/v1' });
    await app.register(paymentWebhookRoutes(payments));
  }
  if (deps.config.country === 'EG') await app.register(eserviceMoreRoutes({ ...deps, documents }), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(testingCentreRoutes(deps), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(elearningRoutes({ ...deps, documents }), { prefix: '/api/v1' });
  // SCORM 1.2 lessons (issue 6 §1): package files live in the upload store (local disk or S3).
  if (deps.config.country === 'EG') await app.register(scormRoutes({ ...deps, documents, store: documentStoreFor(deps.config) }), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(elearningGradingReportsRoutes({ ...deps, documents }), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(classroomRoutes({ ...deps, documents, conferencing: conferencingFor(deps.config) }), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(importRoutes(deps), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') await app.register(dashboardRoutes(deps), { prefix: '/api/v1' });
  if (deps.config.country === 'EG') {
    const contracts = contractOriginDeps(deps, documents);
    registerContractHandlers({ side: 'origin', origin: contracts });
    await app.register(originContractRoutes(contracts), { prefix: '/api/v1' });
    // Pre-departure orientation (issue 6 §7): recorded beside the worker's contracts.
    await app.register(orientationRoutes(deps), { prefix: '/api/v1' });
  } else {
    const contracts = contractDestinationDeps(deps);
    registerContractHandlers({ side: 'destination', destination: contracts });
    await app.register(destinationContractRoutes(contracts), { prefix: '/api/v1' });
  }

  if (hasWeb) {
    // preCompressed: the build writes x.br and x.gz beside each text asset (apps/web/vite.config.ts); a browser
    // that accepts them gets those bytes with Content-Encoding and Vary: Accept-Encoding.
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html', maxAge: '1h', preCompressed: true });
  }

  return app;
}

function mapFrameworkError(err: FastifyError): keyof typeof PROBLEMS {
  switch (err.code) {
    case 'FST_ERR_BAD_URL':
      return 'not_found';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'malformed_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'unsupported_media_type';
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return 'csrf_invalid';
    default:
      if (err instanceof SyntaxError) return 'malformed_json';
      if (err.statusCode === 429) return 'rate_limited';
      if (err.statusCode === 413) return 'payload_too_large';
      if (err.statusCode === 415) return 'unsupported_media_type';
      if (err.statusCode === 404) return 'not_found';
      return 'internal_error';
  }
}

/** The value at a JSON Pointer (RFC 6901) inside a parsed request part; undefined when absent. */
function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}
