import { dbCommand } from './db-command';
import { runMain } from './io';

runMain(dbCommand);
