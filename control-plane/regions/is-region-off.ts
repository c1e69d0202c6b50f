import type { RoutingControls } from './create-routing-controls.ts';

/**
 * Whether a Region's routing control is Off: no client traffic reaches it, so a release
 * must not shift traffic there (it would judge health on no traffic). A Region without a
 * Turnout routing control counts as on.
 *
 * @example
 * if (await isRegionOff(controls, 'us-east-1')) await pauseRelease('us-east-1 is failed away');
 */
export async function isRegionOff(controls: RoutingControls, region: string): Promise<boolean> {
  const control = (await controls.list()).find((c) => c.region === region);
  return control ? !(await controls.get(control.arn)) : false;
}

/** The Regions whose routing control is Off, from one read of the control panel. */
export async function regionsOff(controls: RoutingControls): Promise<string[]> {
  return (await controls.list()).filter((c) => !c.on).map((c) => c.region);
}
