/**
 * The name of a Region's Route 53 ARC routing control: `turnout-<region>`. The stacks name
 * them so, the local recovery cluster too, and the CLI finds a Region's control by it.
 */
export function routingControlName(region: string): string {
  return `turnout-${region}`;
}

/** The Region a routing control's name stands for, or undefined when it is not Turnout's. */
export function regionOfRoutingControl(name: string | undefined): string | undefined {
  return name?.startsWith('turnout-') ? name.slice('turnout-'.length) : undefined;
}
