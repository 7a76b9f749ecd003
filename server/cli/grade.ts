import { gradeCommand } from './grade-command';
import { runMain } from './io';

runMain(gradeCommand);
