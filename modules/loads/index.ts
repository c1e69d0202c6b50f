/** The loads module: load execution, with stops, arrivals and forward-only status. */

export { createLoad, type LoadStore } from './create-load.ts';
export { createLoadsApp, type LoadsAppOptions } from './create-loads-app.ts';
export {
  ArrivalRefusedError,
  LoadExistsError,
  LoadNotFoundError,
  StopNotFoundError,
  TransitionRefusedError,
} from './errors.ts';
export { getLoad } from './get-load.ts';
export type { Load, Stop } from './load-schemas.ts';
export {
  ARRIVAL_STATUSES,
  allowedPrevious,
  LOAD_STATUSES,
  type LoadStatus,
  NEXT_STATUSES,
} from './load-status.ts';
export { recordArrival } from './record-arrival.ts';
export { transitionLoad } from './transition-load.ts';
