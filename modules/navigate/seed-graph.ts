import { type Facility, facilityItem, type Road, roadItems } from './graph-items.ts';

/** US freight facilities, named the way the network names them (nearest airport + number). */
export const SEED_FACILITIES: readonly Facility[] = [
  { facilityId: 'DFW7', name: 'DFW7 Fulfillment Center', city: 'Fort Worth', state: 'TX' },
  { facilityId: 'HOU2', name: 'HOU2 Fulfillment Center', city: 'Houston', state: 'TX' },
  { facilityId: 'SAT1', name: 'SAT1 Fulfillment Center', city: 'Schertz', state: 'TX' },
  { facilityId: 'ELP1', name: 'ELP1 Sort Center', city: 'El Paso', state: 'TX' },
  { facilityId: 'OKC1', name: 'OKC1 Fulfillment Center', city: 'Oklahoma City', state: 'OK' },
  { facilityId: 'LIT1', name: 'LIT1 Fulfillment Center', city: 'Little Rock', state: 'AR' },
  { facilityId: 'MCI1', name: 'MCI1 Fulfillment Center', city: 'Edwardsville', state: 'KS' },
  { facilityId: 'STL6', name: 'STL6 Fulfillment Center', city: 'Hazelwood', state: 'MO' },
  { facilityId: 'MDW2', name: 'MDW2 Fulfillment Center', city: 'Joliet', state: 'IL' },
  { facilityId: 'IND4', name: 'IND4 Fulfillment Center', city: 'Indianapolis', state: 'IN' },
  { facilityId: 'CMH1', name: 'CMH1 Fulfillment Center', city: 'Etna', state: 'OH' },
  { facilityId: 'MEM1', name: 'MEM1 Fulfillment Center', city: 'Memphis', state: 'TN' },
  { facilityId: 'BNA3', name: 'BNA3 Fulfillment Center', city: 'Murfreesboro', state: 'TN' },
  { facilityId: 'ATL6', name: 'ATL6 Fulfillment Center', city: 'East Point', state: 'GA' },
  { facilityId: 'CLT2', name: 'CLT2 Fulfillment Center', city: 'Charlotte', state: 'NC' },
  { facilityId: 'PHX6', name: 'PHX6 Fulfillment Center', city: 'Phoenix', state: 'AZ' },
  { facilityId: 'DEN3', name: 'DEN3 Fulfillment Center', city: 'Thornton', state: 'CO' },
  // On Oahu: no road reaches it from the mainland, which is what "no route" looks like.
  { facilityId: 'HNL1', name: 'HNL1 Delivery Station', city: 'Kapolei', state: 'HI' },
];

/** Interstate roads between them, in road miles (rounded), each usable both ways. */
export const SEED_ROADS: readonly Road[] = [
  { from: 'DFW7', to: 'OKC1', miles: 205, highway: 'I-35' },
  { from: 'DFW7', to: 'HOU2', miles: 240, highway: 'I-45' },
  { from: 'DFW7', to: 'SAT1', miles: 265, highway: 'I-35' },
  { from: 'DFW7', to: 'LIT1', miles: 320, highway: 'I-30' },
  { from: 'DFW7', to: 'ELP1', miles: 620, highway: 'I-20' },
  { from: 'HOU2', to: 'SAT1', miles: 200, highway: 'I-10' },
  { from: 'SAT1', to: 'ELP1', miles: 550, highway: 'I-10' },
  { from: 'ELP1', to: 'PHX6', miles: 430, highway: 'I-10' },
  { from: 'PHX6', to: 'DEN3', miles: 820, highway: 'I-17' },
  { from: 'OKC1', to: 'MCI1', miles: 350, highway: 'I-35' },
  { from: 'OKC1', to: 'LIT1', miles: 340, highway: 'I-40' },
  { from: 'MCI1', to: 'DEN3', miles: 605, highway: 'I-70' },
  { from: 'MCI1', to: 'STL6', miles: 250, highway: 'I-70' },
  { from: 'STL6', to: 'MDW2', miles: 280, highway: 'I-55' },
  { from: 'STL6', to: 'IND4', miles: 245, highway: 'I-70' },
  { from: 'STL6', to: 'MEM1', miles: 285, highway: 'I-55' },
  { from: 'MDW2', to: 'IND4', miles: 180, highway: 'I-65' },
  { from: 'IND4', to: 'CMH1', miles: 175, highway: 'I-70' },
  { from: 'IND4', to: 'BNA3', miles: 320, highway: 'I-65' },
  { from: 'LIT1', to: 'MEM1', miles: 135, highway: 'I-40' },
  { from: 'MEM1', to: 'BNA3', miles: 245, highway: 'I-40' },
  { from: 'BNA3', to: 'ATL6', miles: 225, highway: 'I-24' },
  { from: 'ATL6', to: 'CLT2', miles: 245, highway: 'I-85' },
  { from: 'CMH1', to: 'CLT2', miles: 420, highway: 'I-77' },
];

/** Every item of the seeded graph table: one per facility, two per road. */
export const NAVIGATE_SEED_ITEMS = [
  ...SEED_FACILITIES.map(facilityItem),
  ...SEED_ROADS.flatMap(roadItems),
];
