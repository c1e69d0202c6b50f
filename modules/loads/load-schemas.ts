import * as z from 'zod';
import { LOAD_STATUSES, type LoadStatus } from './load-status.ts';

export const loadIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{3,64}$/, 'use 3-64 letters, digits or dashes, e.g. "L-1138"');

const facilityIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}[0-9]{1,2}$/, 'a facility id is three letters and a number, e.g. "DFW7"');

const isoTime = z.iso.datetime({
  offset: true,
  message: 'give an ISO 8601 time, e.g. "2026-03-01T08:00:00Z"',
});

const stopInputSchema = z.strictObject({
  facilityId: facilityIdSchema,
  type: z.enum(['pickup', 'delivery'], 'a stop is a "pickup" or a "delivery"'),
  plannedAt: isoTime,
});

export const createLoadBodySchema = z
  .strictObject({
    loadId: loadIdSchema.optional(),
    stops: z
      .array(stopInputSchema)
      .min(2, 'a load has at least two stops: a pickup and a delivery')
      .max(25, 'a load has at most 25 stops'),
  })
  .superRefine((body, ctx) => {
    for (const problem of stopOrderProblems(body.stops))
      ctx.addIssue({ code: 'custom', ...problem });
  });

export const loadParamsSchema = z.object({ loadId: loadIdSchema });

export const stopParamsSchema = z.object({
  loadId: loadIdSchema,
  seq: z.coerce
    .number('a stop number is a number, counting from 1')
    .int('a stop number is a whole number')
    .min(1, 'stops count from 1'),
});

export const transitionBodySchema = z.strictObject({
  status: z.enum(LOAD_STATUSES, `a status is one of: ${LOAD_STATUSES.join(', ')}`),
});

export const arrivalBodySchema = z.strictObject({ arrivedAt: isoTime.optional() });

export type CreateLoadBody = z.output<typeof createLoadBodySchema>;

export interface Stop {
  seq: number;
  facilityId: string;
  type: 'pickup' | 'delivery';
  plannedAt: string;
  arrivedAt?: string;
}

export interface Load {
  loadId: string;
  status: LoadStatus;
  stops: Stop[];
  history: { status: LoadStatus; at: string }[];
  createdAt: string;
  updatedAt: string;
}

type StopInput = z.output<typeof stopInputSchema>;
type Problem = { path: (string | number)[]; message: string };

/** A load starts with a pickup, ends with a delivery, and its planned times never go back. */
function stopOrderProblems(stops: StopInput[]): Problem[] {
  const problems: Problem[] = [];
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (first && first.type !== 'pickup') {
    problems.push({ path: ['stops', 0, 'type'], message: 'the first stop is a pickup' });
  }
  if (last && stops.length > 1 && last.type !== 'delivery') {
    problems.push({
      path: ['stops', stops.length - 1, 'type'],
      message: 'the last stop is a delivery',
    });
  }
  stops.forEach((stop, index) => {
    const before = stops[index - 1];
    if (before && Date.parse(stop.plannedAt) < Date.parse(before.plannedAt)) {
      const message = `planned before stop ${index} (${before.plannedAt}): list stops in time order`;
      problems.push({ path: ['stops', index, 'plannedAt'], message });
    }
  });
  return problems;
}
