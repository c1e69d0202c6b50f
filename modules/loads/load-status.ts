/** A load's statuses, in the order a load moves through them. */
export const LOAD_STATUSES = [
  'planned',
  'dispatched',
  'at_pickup',
  'in_transit',
  'at_delivery',
  'delivered',
  'cancelled',
] as const;

export type LoadStatus = (typeof LOAD_STATUSES)[number];

/** Where each status may go next: forward one step, or cancelled before the pickup. */
export const NEXT_STATUSES: Readonly<Record<LoadStatus, readonly LoadStatus[]>> = {
  planned: ['dispatched', 'cancelled'],
  dispatched: ['at_pickup', 'cancelled'],
  at_pickup: ['in_transit'],
  in_transit: ['at_delivery'],
  at_delivery: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The statuses from which a load may move to `next`. */
export function allowedPrevious(next: LoadStatus): LoadStatus[] {
  return LOAD_STATUSES.filter((status) => NEXT_STATUSES[status].includes(next));
}

/** While a load is under way, its driver can arrive at stops. */
export const ARRIVAL_STATUSES: readonly LoadStatus[] = [
  'dispatched',
  'at_pickup',
  'in_transit',
  'at_delivery',
];
