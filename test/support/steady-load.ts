/** A steady, bounded load through the gateway, counting what clients saw. */

export interface LoadRequest {
  name: string;
  send: () => Promise<Response>;
  /** Whether the answer counts as a success. */
  ok: (response: Response, body: string) => boolean;
}

export interface LoadReport {
  sent: number;
  failed: number;
  failures: { name: string; status: number; body: string; at: number }[];
}

export interface SteadyLoad {
  stop(): Promise<LoadReport>;
}

/**
 * Sends the requests round-robin from `concurrency` loops, each pausing `pauseMs`
 * between requests, until stopped or `maxRequests` or `maxMs` is reached: it always ends.
 */
export function startSteadyLoad(
  requests: LoadRequest[],
  { concurrency = 4, pauseMs = 5, maxRequests = 50_000, maxMs = 120_000 } = {},
): SteadyLoad {
  const report: LoadReport = { sent: 0, failed: 0, failures: [] };
  const deadline = Date.now() + maxMs;
  let stopped = false;
  const loop = async (offset: number) => {
    for (let i = offset; !stopped && report.sent < maxRequests && Date.now() < deadline; i++) {
      const request = requests[i % requests.length] as LoadRequest;
      report.sent++;
      try {
        const response = await request.send();
        const body = await response.text();
        if (!request.ok(response, body)) fail(request.name, response.status, body);
      } catch (error) {
        fail(request.name, 0, String(error));
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const fail = (name: string, status: number, body: string) => {
    report.failed++;
    if (report.failures.length < 20)
      report.failures.push({ name, status, body: body.slice(0, 300), at: Date.now() });
  };
  const loops = Array.from({ length: concurrency }, (_, i) => loop(i));
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return report;
    },
  };
}
