import { runMain } from './io';
import { usersCommand } from './users-command';

runMain(usersCommand);
