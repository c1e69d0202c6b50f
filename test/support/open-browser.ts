import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it): never a browser download. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium with a context that reaches nothing but this machine: every
 * request to a host other than 127.0.0.1 or localhost is aborted (and counted), so a
 * page that needs the internet (a CDN) fails the test instead of passing online.
 */
export async function openBrowser(): Promise<{
  browser: Browser;
  context: BrowserContext;
  blocked: string[];
  close(): Promise<void>;
}> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
    if (local || protocol === 'data:' || protocol === 'blob:') return route.continue();
    blocked.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return { browser, context, blocked, close: () => browser.close() };
}
