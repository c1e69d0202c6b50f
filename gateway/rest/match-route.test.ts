import { describe, expect, it } from 'vitest';
import { route } from '../testing/fake-modules.ts';
import { matchRoute, sortRoutes } from './match-route.ts';

const table = sortRoutes([
  route('/fleet', 'fleet'),
  route('/fleet/loads', 'loads'),
  route('/message', 'message'),
]);

describe('matchRoute', () => {
  it('picks the longest matching prefix', () => {
    expect(matchRoute(table, '/fleet/loads/7')?.module).toBe('loads');
    expect(matchRoute(table, '/fleet/trucks/7')?.module).toBe('fleet');
  });

  it('matches a path equal to the prefix', () => {
    expect(matchRoute(table, '/fleet/loads')?.module).toBe('loads');
  });

  it('matches only on segment boundaries', () => {
    expect(matchRoute(table, '/fleetwood')).toBeUndefined();
    expect(matchRoute(table, '/fleet/loadsmore')?.module).toBe('fleet');
  });

  it('finds nothing for a path no prefix covers', () => {
    expect(matchRoute(table, '/')).toBeUndefined();
  });
});
