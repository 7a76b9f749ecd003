import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.HANDOFF_OFFICIAL_DATA_DIR;
  if (dir) await rm(dir, { recursive: true, force: true });
  await globalThis.handoffTestCluster?.stop();
}
