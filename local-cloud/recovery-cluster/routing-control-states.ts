/** The routing controls of one local control panel, and its safety rule. */

import { routingControlName } from '../../contracts/routing-control-name.ts';

export type RoutingControlState = 'On' | 'Off';

export interface RoutingControl {
  ControlPanelArn: string;
  ControlPanelName: string;
  RoutingControlArn: string;
  RoutingControlName: string;
  RoutingControlState: RoutingControlState;
  Owner: string;
}

/** Why an update was refused, in ARC's terms: the error's type, status and fields. */
export class RecoveryClusterApiError extends Error {
  override readonly name = 'RecoveryClusterApiError';

  constructor(
    readonly code:
      | 'ConflictException'
      | 'ResourceNotFoundException'
      | 'ValidationException'
      | 'EndpointTemporarilyUnavailableException',
    readonly statusCode: number,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The awsJson1_0 error body the SDK turns back into its typed exception. */
  toBody(): Record<string, unknown> {
    return { __type: this.code, message: this.message, ...this.fields };
  }
}

export interface RoutingControlStatesOptions {
  /** One routing control per Region, named `turnout-<region>`, all On at the start. */
  regions: readonly string[];
  accountId?: string;
}

export type RoutingControlStates = ReturnType<typeof createRoutingControlStates>;

/**
 * The state a Route 53 ARC cluster keeps: one control panel with one routing control per
 * Region and an assertion rule that at least one of them stays On (ARC's "ATLEAST 1"
 * safety rule). Updates are all or nothing, as UpdateRoutingControlStates is.
 */
export function createRoutingControlStates({
  regions,
  accountId = '000000000000',
}: RoutingControlStatesOptions) {
  const ControlPanelArn = `arn:aws:route53-recovery-control::${accountId}:controlpanel/turnout`;
  const safetyRuleArn = `${ControlPanelArn}/safetyrule/at-least-one-region-on`;
  const controls = new Map<string, RoutingControl>(
    regions.map((region) => {
      const arn = `${ControlPanelArn}/routingcontrol/${region}`;
      return [
        arn,
        {
          ControlPanelArn,
          ControlPanelName: 'turnout',
          RoutingControlArn: arn,
          RoutingControlName: routingControlName(region),
          RoutingControlState: 'On',
          Owner: accountId,
        },
      ];
    }),
  );

  function get(arn: string): RoutingControl {
    const control = controls.get(arn);
    if (!control)
      throw new RecoveryClusterApiError(
        'ResourceNotFoundException',
        404,
        `No routing control ${arn} in this cluster. List them with ListRoutingControls.`,
        { resourceId: arn, resourceType: 'RoutingControl' },
      );
    return control;
  }

  function update(
    entries: { RoutingControlArn: string; RoutingControlState: string }[],
    safetyRulesToOverride: readonly string[] = [],
  ): void {
    const next = new Map([...controls].map(([arn, c]) => [arn, c.RoutingControlState]));
    for (const entry of entries) {
      get(entry.RoutingControlArn);
      if (entry.RoutingControlState !== 'On' && entry.RoutingControlState !== 'Off')
        throw new RecoveryClusterApiError(
          'ValidationException',
          400,
          `RoutingControlState must be On or Off, not ${JSON.stringify(entry.RoutingControlState)}.`,
          { reason: 'fieldValidationFailed' },
        );
      next.set(entry.RoutingControlArn, entry.RoutingControlState);
    }
    const anyOn = [...next.values()].some((state) => state === 'On');
    if (!anyOn && !safetyRulesToOverride.includes(safetyRuleArn))
      throw new RecoveryClusterApiError(
        'ConflictException',
        409,
        'The update would turn every routing control Off, which the safety rule at-least-one-region-on forbids: keep one Region On (or override the rule).',
        { resourceId: safetyRuleArn, resourceType: 'SafetyRule' },
      );
    for (const [arn, state] of next)
      (controls.get(arn) as RoutingControl).RoutingControlState = state;
  }

  return {
    controlPanelArn: ControlPanelArn,
    safetyRuleArn,
    get,
    list: () => [...controls.values()].map((c) => ({ ...c })),
    update,
  };
}
