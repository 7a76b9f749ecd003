import { PgStore } from '../../server/store/pg/pg-store';
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres';
import { storeContract } from './contract';

describeWithPostgres('PostgreSQL', () => {
  storeContract('PostgreSQL', () => {
    let database: { url: string; drop: () => Promise<void> } | undefined;
    return {
      open: async () => {
        database = await createTestDatabase();
        return PgStore.connect(database.url);
      },
      reopen: () => PgStore.connect((database as { url: string }).url),
      cleanup: async () => database?.drop(),
    };
  });
});
