/**
 * What verifying a bearer token costs the gateway: core CPU per Known-for request (module
 * answers from memory, as bench/gateway/core-cpu.ts) without a token, with one caller's
 * verified JWT on every request, and with 50 callers' tokens in turn. Rounds alternate
 * the three in one process so they share the machine's noise; the figures are medians.
 * Verified tokens are kept by signature, so after each token's first request only a
 * lookup remains. Run: `NODE_ENV=production node bin/run-ts.js bench/gateway/auth-cpu.ts`
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { AuthOptions } from '../../gateway/auth/auth-options.ts';
import { createTokenVerifier } from '../../gateway/auth/create-token-verifier.ts';
import type { BenchResult } from '../index.ts';
import { measureCoreCpu } from './core-cpu.ts';

export interface AuthCpuFigures {
  requests: number;
  rounds: number;
  /** Median core CPU per request, microseconds. */
  anonymous: number;
  oneCaller: number;
  fiftyCallers: number;
  /** CPU of verifying a token not seen before (its signature), microseconds: once per token. */
  firstVerification: number;
  runs: { anonymous: number[]; oneCaller: number[]; fiftyCallers: number[] };
}

const ISSUER = 'https://issuer.bench.example';
const AUDIENCE = 'turnout-bench';

/** An ES256 key set and tokens signed with it, as the local issuer signs them. */
async function benchTokens(count: number): Promise<{ auth: AuthOptions; tokens: string[] }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' };
  const tokens = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new SignJWT({ scope: 'gatepass:write messages:read' })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
        .setSubject(`driver-D${i}`)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey),
    ),
  );
  return { auth: { issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [jwk] } }, tokens };
}

export async function measureAuthCpu(
  options: { requests: number; rounds: number } = { requests: 10_000, rounds: 9 },
): Promise<AuthCpuFigures> {
  const { auth, tokens } = await benchTokens(50);
  // The headers are made once, as a client keeps its header: the bench measures the gateway.
  const headers = tokens.map((token) => `Bearer ${token}`);
  const one = headers[0] as string;
  const runs = {
    anonymous: [] as number[],
    oneCaller: [] as number[],
    fiftyCallers: [] as number[],
  };
  const { requests } = options;
  for (let round = 0; round < options.rounds; round++) {
    runs.anonymous.push(await measureCoreCpu({ queryPlanner: true, requests }));
    runs.oneCaller.push(
      await measureCoreCpu({ queryPlanner: true, requests, auth, authorization: () => one }),
    );
    runs.fiftyCallers.push(
      await measureCoreCpu({
        queryPlanner: true,
        requests,
        auth,
        authorization: (i) => headers[i % headers.length] as string,
      }),
    );
  }
  return {
    requests,
    rounds: options.rounds,
    firstVerification: await measureFirstVerification(auth, tokens),
    anonymous: median(runs.anonymous),
    oneCaller: median(runs.oneCaller),
    fiftyCallers: median(runs.fiftyCallers),
    runs,
  };
}

/** What a token's first request adds: `jose` verifying its signature and claims. */
async function measureFirstVerification(auth: AuthOptions, tokens: string[]): Promise<number> {
  const warm = createTokenVerifier(auth);
  for (const token of tokens) await warm.verify(token);
  const verifier = createTokenVerifier(auth);
  await verifier.verify(tokens[0] as string);
  const cpu0 = process.cpuUsage();
  for (const token of tokens.slice(1)) await verifier.verify(token);
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / (tokens.length - 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `npm run bench -- auth`: the section of BENCHMARKS.md. */
export async function benchAuth(): Promise<BenchResult> {
  const f = await measureAuthCpu();
  const us = (value: number) => `${Math.round(value)} us`;
  const extra = (value: number) => `${(((value - f.anonymous) / f.anonymous) * 100).toFixed(1)}%`;
  const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
  return {
    title: 'Gateway: CPU of a verified JWT',
    body: `Core CPU per Known-for request, module answers from memory (\`bench/gateway/auth-cpu.ts\`), ${f.requests} requests at 16 in flight per run after 2,000 to warm up, ${f.rounds} rounds alternating the three, medians. Tokens are ES256 JWTs verified with \`jose\` against a key set; each is verified once and then kept by its signature until it expires. Target: a verified JWT adds under 10% CPU.

| request | CPU per request | vs without a token | runs (us) |
|---|---|---|---|
| without a token | ${us(f.anonymous)} | | ${list(f.runs.anonymous)} |
| one caller's JWT on every request | ${us(f.oneCaller)} | ${extra(f.oneCaller)} | ${list(f.runs.oneCaller)} |
| 50 callers' JWTs in turn | ${us(f.fiftyCallers)} | ${extra(f.fiftyCallers)} | ${list(f.runs.fiftyCallers)} |

A token's first request also pays for its verification (ES256 signature and claims, \`jose\`, 49 tokens never seen before): ${us(f.firstVerification)} of CPU each, once per token until it expires; without the cache every request would pay it.

What a token adds per request: its lookup among the verified tokens, and the caller's identity written into each module invoke's context (about 250 bytes more per payload, four invokes per Known-for). The stand-in modules key their answers without parsing that context, so the figures are the gateway's own.`,
  };
}

if (process.argv[1]?.endsWith('auth-cpu.ts')) {
  const requests = Number(process.env.REQUESTS ?? 10_000);
  const rounds = Number(process.env.ROUNDS ?? 9);
  console.log(JSON.stringify(await measureAuthCpu({ requests, rounds })));
}
