export {
  type AwsClients,
  type CreateAwsClientsOptions,
  createAwsClients,
  destroyAwsClients,
  type ServiceEndpoints,
  type StaticCredentials,
} from './create-aws-clients.ts';
export { ensureKeyedTable } from './ensure-keyed-table.ts';
export { LOCAL_CREDENTIALS } from './local-credentials.ts';
