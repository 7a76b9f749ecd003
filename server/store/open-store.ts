/** The store the configuration asks for: PostgreSQL when DATABASE_URL is set, otherwise lowdb files under DATA_DIR. */
import { LowStore } from './low/low-store';
import { PgStore } from './pg/pg-store';
import type { Store } from './store';

export function openStore(options: {
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL only: connections kept open at most (node-postgres's default of 10 when unset). */
  poolSize?: number;
  logger?: { warn(message: string): void };
}): Promise<Store> {
  return options.databaseUrl
    ? PgStore.connect(options.databaseUrl, { poolSize: options.poolSize, logger: options.logger })
    : LowStore.open(options.dataDir, { logger: options.logger });
}
