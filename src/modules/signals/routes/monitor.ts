import { z } from 'zod';
import { ddasResponse, monitorResponse } from '../contract.ts';
import { monitorCsvExport, monitorFigures } from '../queries/monitor.ts';
import { ddasQuery, exportDdas } from '../ddasExport.ts';
import { municipalityCode } from '../../../platform/municipalities.ts';
import type { SignalRouteDeps } from './shared.ts';

/** Figures: the DDAS exchange file for the CBS and the monitor (JSON or CSV). */
export function monitorRoutes({ app, db, settings }: SignalRouteDeps): void {
  app.get(
    '/signals/ddas',
    {
      config: { access: 'signals:ddas' },
      schema: {
        tags: ['signals'],
        summary: 'Het DDAS-uitwisselbestand (versie 1.2) voor de monitor van het CBS over een periode, per pagina van ten hoogste 50.000 signalen',
        querystring: ddasQuery,
        response: { 200: ddasResponse },
      },
    },
    async (request, reply) => {
      const result = await exportDdas(db, request.actor, request.query, settings);
      const link = (page: number) => {
        const params = new URLSearchParams({ from: request.query.from, to: request.query.to, page: String(page), pageSize: String(result.pageSize) });
        if (request.query.municipalityCode) params.set('municipalityCode', request.query.municipalityCode);
        return `</api/v1/signals/ddas?${params}>`;
      };
      const links = [`${link(1)}; rel="first"`, `${link(result.pages)}; rel="last"`];
      if (result.page > 1) links.push(`${link(result.page - 1)}; rel="prev"`);
      if (result.page < result.pages) links.push(`${link(result.page + 1)}; rel="next"`);
      return reply
        .header('cache-control', 'no-store')
        .header('link', links.join(', '))
        .header('x-total-count', String(result.totalSignals))
        .header('x-pagination-page', String(result.page))
        .header('x-pagination-pages', String(result.pages))
        .header('x-pagination-limit', String(result.pageSize))
        .header('content-disposition', `attachment; filename="ddas-${request.query.from}-${request.query.to}-${result.page}.json"`)
        .send(result.document);
    },
  );

  app.get(
    '/signals/monitor',
    {
      config: { access: 'signals:monitor' },
      schema: {
        tags: ['signals'],
        summary: 'Monitor vroegsignalering per gemeente, periode en soort schuldeiser (JSON of CSV)',
        querystring: z.object({
          period: z.string().min(4).max(7),
          municipalityCode: municipalityCode.optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
        response: { 200: monitorResponse },
      },
    },
    async (request, reply) => {
      const { format, ...input } = request.query;
      if (format === 'csv') {
        const csv = await monitorCsvExport(db, request.actor, input);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="monitor-vroegsignalering-${input.period}.csv"`)
          .send(csv);
      }
      return monitorFigures(db, request.actor, input);
    },
  );
}
