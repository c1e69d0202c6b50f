import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * What `turnout dev` writes to `.turnout/endpoints.json`, so other commands (deploy,
 * status, rollback) and tools find the running local cloud.
 */
export interface DevEndpoints {
  region: string;
  lambda: string;
  dynamodb: string;
  sqs: string;
  /** The gateway's URL, once it serves. */
  gateway?: string;
  /** The local token issuer: the `iss` and `aud` the gateway accepts, its JWKS and token URLs. */
  issuer?: string;
  audience?: string;
  jwks?: string;
  /** `POST { sub, scope }` here signs a token (`turnout token`). */
  token?: string;
  /**
   * The secret the gateway's `/_turnout/health` requires (`x-turnout-health-token`): made
   * afresh by each `turnout dev`, read by the deploy pipeline's health readers.
   */
  gatewayHealthToken?: string;
  registryTable: string;
  deploymentsTable: string;
  /**
   * With `turnout dev --regions`: every Region's local cloud and gateway (the fields
   * above are the first Region's), the front door clients use, the ARC cluster holding
   * the routing controls, and the table of failover records.
   */
  multiRegion?: MultiRegionEndpoints;
  /** The `turnout dev` process, to tell a live file from one a crash left behind. */
  pid: number;
  startedAt: string;
}

/** One Region of `turnout dev --regions`. */
export interface RegionEndpoints {
  region: string;
  lambda: string;
  dynamodb: string;
  sqs: string;
  gateway: string;
  gatewayHealthToken: string;
}

export interface MultiRegionEndpoints {
  regions: RegionEndpoints[];
  /** The local stand-in for Route 53 latency routing, and the token its status wants. */
  frontDoor: string;
  frontDoorToken: string;
  recoveryCluster: { endpoints: { region: string; endpoint: string }[]; controlPanelArn: string };
  failoversTable: string;
}

export async function writeEndpointsFile(path: string, endpoints: DevEndpoints): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // It holds the health token: readable by this user only.
  await writeFile(path, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** Reads the file, or undefined when there is none or its process is gone. */
export async function readEndpointsFile(path: string): Promise<DevEndpoints | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const endpoints = JSON.parse(text) as DevEndpoints;
  return isRunning(endpoints.pid) ? endpoints : undefined;
}

export async function removeEndpointsFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
