import { describe, expect, it } from 'vitest';
import gatepass from '../modules/gatepass/module.ts';
import { readKnownIds } from '../modules/kit/index.ts';
import loads from '../modules/loads/module.ts';
import { SEED_FACILITIES } from '../modules/navigate/seed-graph.ts';

describe('the facilities the Relay modules know', () => {
  it('are by default the network navigate seeds, in gatepass and in loads', () => {
    const network = SEED_FACILITIES.map((f) => f.facilityId).sort();
    for (const manifest of [gatepass, loads]) {
      const setting = manifest.runtime.environment.TURNOUT_FACILITIES;
      expect(setting?.fromStage).toBe('RELAY_FACILITIES');
      expect([...readKnownIds(setting?.default)].sort()).toEqual(network);
    }
  });
});
