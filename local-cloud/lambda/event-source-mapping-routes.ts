import type { EventSourceMappings } from './event-source-mappings.ts';
import { bodyOf, ok, paginate, type Route, route } from './routes.ts';

const PATH = '/2015-03-31/event-source-mappings';

/**
 * The event source mapping operations, on the paths and with the statuses
 * `@aws-sdk/client-lambda` v3 expects (202 for create, update and delete).
 */
export function createEventSourceMappingRoutes(mappings: EventSourceMappings): Route[] {
  const uuidOf = (params: Record<string, string>) => params.uuid ?? '';
  return [
    route('POST', PATH, async (r) => ok(await mappings.create(bodyOf(r)), 202)),
    route('GET', PATH, (r) => {
      const filter = {
        EventSourceArn: r.query.get('EventSourceArn') ?? undefined,
        FunctionName: r.query.get('FunctionName') ?? undefined,
      };
      return ok(paginate(mappings.list(filter), r.query, 'EventSourceMappings'));
    }),
    route('GET', `${PATH}/{uuid}`, (r) => ok(mappings.get(uuidOf(r.params)))),
    route('PUT', `${PATH}/{uuid}`, async (r) =>
      ok(await mappings.update(uuidOf(r.params), bodyOf(r)), 202),
    ),
    route('DELETE', `${PATH}/{uuid}`, (r) => ok(mappings.delete(uuidOf(r.params)), 202)),
  ];
}
