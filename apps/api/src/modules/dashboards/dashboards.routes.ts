import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApplicationsDashboard, DashboardExportQuery, DashboardQuery } from '@rabt/contracts';
import { problemResponses } from '../../http/route-helpers.ts';
import { requireStaff } from '../../platform/auth/principal.ts';
import * as svc from './dashboards.service.ts';
import type { DashboardsDeps } from './dashboards.service.ts';

const tags = ['dashboards'];

/** E-services dashboards (issue 5 §11): JSON for the charts, CSV per table. Scope rules in dashboards.service.ts. */
export function dashboardRoutes(deps: DashboardsDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    /**
     * Staff: applications by status and by service, SLA breaches per office (open, past step_due_at now),
     * median processing hours per office (submitted → decided), registrations imported vs online per office.
     * Query: `scope` office|directorate|hq, `from`/`to` (YYYY-MM-DD, inclusive, on submission date;
     * registrations on the date recorded), `office` (code) / `directorate` (governorate code) for wider
     * scopes. Errors: 403 `out_of_scope` (e.g. a clerk asking for hq), 403 `forbidden`, 400 `validation_failed`.
     */
    app.get('/dashboards/applications', { schema: { tags, querystring: DashboardQuery, response: { 200: ApplicationsDashboard, ...problemResponses } } }, (req) =>
      svc.applicationsDashboard(deps, requireStaff(req.principal), req.query),
    );

    /**
     * Staff: one dashboard table as CSV (RFC 4180, UTF-8 with BOM); same query plus `table` = by_status |
     * by_service | sla | processing | registrations and `lang` = ar (default) | en: the language of the header
     * row and of the names written instead of codes (statuses, services, offices; office code kept in its own
     * column). Columns in dashboards.service.ts dashboardCsv. Errors as the JSON dashboard.
     */
    app.get('/dashboards/applications.csv', { schema: { tags, querystring: DashboardExportQuery } }, async (req, reply) => {
      const csv = await svc.dashboardCsv(deps, requireStaff(req.principal), req.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="dashboard-${req.query.scope}-${req.query.table}.csv"`).send(csv);
    });
  };
}
