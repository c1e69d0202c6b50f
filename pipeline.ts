/**
 * The example project's release pipeline (a `PipelineDefinition`, see
 * control-plane/deploy/pipeline-definition.ts): `turnout deploy --pipeline pipeline.ts`
 * reads it, and `turnout pipeline <module>` writes each module's CI workflow from its
 * stages and Regions. preprod is one Region; prod is two, each with its own gateway.
 * Replace the URLs with your gateways' and, once the gateway stacks made them, add each
 * Region's `routingControlArn` and the cluster's endpoints (`routingControl`) so a failover
 * pauses a release (README, "Releases across Regions") and `turnout regions` and
 * `turnout failover --pipeline pipeline.ts` reach the routing controls (README, "Regions
 * and failover").
 */
export default {
  stages: [
    {
      name: 'preprod',
      regions: [{ region: 'us-east-1', gatewayUrls: ['https://preprod-use1.api.example.com'] }],
    },
    {
      name: 'prod',
      regions: [
        { region: 'us-east-1', gatewayUrls: ['https://use1.api.example.com'] },
        { region: 'us-west-2', gatewayUrls: ['https://usw2.api.example.com'] },
      ],
    },
  ],
};
