import * as z from 'zod';

/** A facility id such as "DFW7": three capital letters (the airport code) and a number. */
export const facilityIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}[0-9]{1,2}$/, 'a facility id is three letters and a number, e.g. "DFW7"');

export interface Facility {
  facilityId: string;
  name: string;
  city: string;
  state: string;
}

export interface Road {
  from: string;
  to: string;
  miles: number;
  /** The main highway, for the driver, e.g. "I-35". */
  highway: string;
}

export interface FacilityItem extends Facility {
  pk: string;
  sk: 'FACILITY';
}

export interface RoadItem extends Road {
  pk: string;
  sk: string;
}

export function facilityKey(facilityId: string): string {
  return `FACILITY#${facilityId}`;
}

export function facilityItem(facility: Facility): FacilityItem {
  return { pk: facilityKey(facility.facilityId), sk: 'FACILITY', ...facility };
}

/** A road is stored once from each end, so each facility's Query finds all its roads. */
export function roadItems(road: Road): [RoadItem, RoadItem] {
  const back: Road = { ...road, from: road.to, to: road.from };
  return [
    { pk: facilityKey(road.from), sk: `ROAD#${road.to}`, ...road },
    { pk: facilityKey(back.from), sk: `ROAD#${back.to}`, ...back },
  ];
}
