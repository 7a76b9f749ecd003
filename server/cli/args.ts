/**
 * Command-line arguments through node:util's parseArgs, with its errors turned into a
 * UsageError whose message a person can act on (the command then prints its usage).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as { code?: string; message: string };
    if (!e.code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const option = /'(--?[^' ]+)/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option}`);
    if (/argument missing/.test(e.message)) throw new UsageError(`${option} needs a value`);
    if (/does not take an argument/.test(e.message)) throw new UsageError(`${option} takes no value`);
    throw new UsageError(e.message.replace(/\. To specify a positional argument[\s\S]*$/, ''));
  }
}
