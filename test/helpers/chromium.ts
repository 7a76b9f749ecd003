/** Debian's Chromium driven by playwright-core, and the app served for it (no test globals, so scripts use it too). */
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createApp, type AppDeps } from '../../server/app';
import { createHttpServer } from '../../server/http-server';

export const CHROMIUM = process.env.HANDOFF_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Serve the app on 127.0.0.1, on a free port, with the server `npm start` uses. */
export async function serve(deps: AppDeps): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createHttpServer(createApp(deps)).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
