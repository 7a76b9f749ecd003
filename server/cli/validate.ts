import { runMain } from './io';
import { validateCommand } from './validate-command';

runMain(validateCommand);
