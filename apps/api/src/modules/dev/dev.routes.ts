import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/context.ts';
import { currentTotp } from '../staff/totp.ts';
import { DEMO_STAFF_DOMAIN } from '../../platform/db/seed.ts';

const tags = ['development'];

/**
 * Development tools, registered only when DEV_TOOLS is on (embedded demo mode): the notification
 * outbox (codes a real deployment would send by SMS) and the current authenticator codes of the demo
 * staff accounts. Never enabled in production.
 */
export function devRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/dev/outbox',
      {
        schema: {
          tags,
          response: { 200: z.array(z.object({ id: z.string(), channel: z.string(), recipient: z.string(), bodyAr: z.string(), bodyEn: z.string(), createdAt: z.string() })) },
        },
      },
      async () => {
        const rows = await deps.db.selectFrom('notification_outbox').selectAll().orderBy('created_at', 'desc').limit(50).execute();
        return rows.map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, bodyAr: r.body_ar, bodyEn: r.body_en, createdAt: r.created_at.toISOString() }));
      },
    );

    app.get(
      '/dev/demo-staff',
      { schema: { tags, response: { 200: z.array(z.object({ email: z.string(), role: z.string(), nameAr: z.string(), nameEn: z.string(), totp: z.string() })) } } },
      async () => {
        const rows = await deps.db.selectFrom('staff').select(['email', 'role', 'name_ar', 'name_en', 'totp_secret']).where('email', 'like', `%@${DEMO_STAFF_DOMAIN}`).orderBy('email').execute();
        const now = deps.clock();
        return rows.map((r) => ({ email: r.email, role: r.role, nameAr: r.name_ar, nameEn: r.name_en, totp: currentTotp(r.totp_secret, now) }));
      },
    );
  };
}
