import { codesetsCommand } from './codesets-command';
import { runMain } from './io';

runMain(codesetsCommand);
