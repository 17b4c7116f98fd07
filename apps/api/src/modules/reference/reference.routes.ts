import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Country, DestinationCitiesQuery, DestinationCity, Governorate, Occupation, OccupationCodeParams, OccupationSearchQuery } from '@rabt/contracts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { problemResponses } from '../../http/route-helpers.ts';
import { destinationCities } from './cities.ts';
import { OccupationIndex } from './occupation-index.ts';
import * as repo from './reference.repository.ts';

const tags = ['reference'];

/** Public reference data: ISCO-08 occupations (ESCO extract, Arabic titles unofficial), governorates, Arab League countries. */
export function referenceRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    // Reference tables change only with a release (seed at start-up), so they are read once per process.
    const index = new OccupationIndex(await repo.allOccupations(deps.db), await repo.allOccupationAliases(deps.db));
    const governorates = await repo.allGovernorates(deps.db);
    const countries = await repo.allCountries(deps.db);

    /**
     * Search ISCO-08 groups by Arabic or English title or by code prefix. Arabic is folded (hamza forms
     * of alef, ta marbuta, alef maqsura, tatweel, diacritics). `q` empty lists groups in code order.
     */
    app.get(
      '/occupations',
      {
        schema: { tags, querystring: OccupationSearchQuery, response: { 200: z.array(Occupation), ...problemResponses } },
        // The rows were read once at start-up into Occupation objects; re-validating them on every
        // keystroke of an autocomplete is pure cost, so this hot route serialises them directly.
        serializerCompiler: () => (data) => JSON.stringify(data),
      },
      (req) =>
      index.search(req.query.q, { level: req.query.level, limit: req.query.limit }),
    );

    /** One ISCO-08 group by code. 404 `not_found`. */
    app.get('/occupations/:code', { schema: { tags, params: OccupationCodeParams, response: { 200: Occupation, ...problemResponses } } }, (req) => {
      const o = index.get(req.params.code);
      if (!o) throw new AppError('not_found');
      return o;
    });

    /** The 27 governorates and code 88 (born abroad), with national-ID codes. */
    app.get('/governorates', { schema: { tags, response: { 200: z.array(Governorate) } } }, () => governorates);

    /** Arab League states with ISO 3166-1 codes, ISO 4217 currency and dialling code. */
    app.get('/countries', { schema: { tags, response: { 200: z.array(Country) } } }, () => countries);

    /**
     * Cities of a destination country (`country`: ISO 3166-1 alpha-2) with Arabic and English names, in Arabic
     * order, for the workplace-city picker of job orders and contracts; `[]` for a country with no list.
     * 400 `validation_failed` for a malformed code.
     */
    app.get('/cities', { schema: { tags, querystring: DestinationCitiesQuery, response: { 200: z.array(DestinationCity), ...problemResponses } } }, (req) =>
      destinationCities(req.query.country),
    );
  };
}
