/**
 * Trainees of the name-only version: `trainees.json` and a folder of attempt segments per
 * trainee (`attempts/<id>/NNNNNN.json` written whole, `NNNNNN.journal` one attempt per
 * line). Each becomes an unclaimed trainee account with the same id — it shows in the
 * roster as unclaimed, and a reset link lets its owner set a password — and its attempts
 * are copied into `attempts/<id>.jsonl`. The old files are left as they were.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../durable-file';
import { DamagedDataError, describeReadError } from '../errors';
import { attemptSchema, type Attempt } from '../records';
import { usernameKey } from '../store';
import type { AttemptFiles } from './attempt-files';
import type { AccountsDocument } from './documents';
import type { JsonDocument } from './json-document';

const legacyTrainees = z.object({
  trainees: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string() })),
});
const legacyAttempt = z
  .object({
    id: z.string(),
    traineeId: z.string(),
    scenarioId: z.string(),
    submittedAt: z.string(),
    submission: z.unknown(),
    result: z.unknown(),
  })
  .loose();

export async function migrateNameOnlyTrainees(
  dataDir: string,
  accounts: JsonDocument<AccountsDocument>,
  attempts: AttemptFiles,
  warn: (message: string) => void,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, 'trainees.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let parsed;
  try {
    parsed = legacyTrainees.parse(JSON.parse(text));
  } catch (error) {
    warn(new DamagedDataError('trainees.json', describeReadError(error)).message);
    return;
  }
  const known = new Set(accounts.data.users.map((u) => u.id));
  const taken = new Set(accounts.data.users.map((u) => usernameKey(u.username)));
  const added: string[] = [];
  for (const trainee of parsed.trainees) {
    if (known.has(trainee.id)) continue;
    let username = trainee.name.normalize('NFKC').trim().slice(0, 60) || trainee.id;
    for (let n = 2; taken.has(usernameKey(username)); n++) username = `${trainee.name.slice(0, 55)} (${n})`;
    taken.add(usernameKey(username));
    await copyAttempts(dataDir, trainee.id, attempts, warn);
    await accounts.update((data) => {
      data.users.push({
        id: trainee.id,
        username,
        role: 'trainee',
        passwordHash: null,
        createdAt: trainee.createdAt,
      });
    });
    added.push(username);
  }
  if (added.length > 0)
    warn(
      `${added.length} trainee(s) of the name-only version kept as unclaimed accounts: ${added.join(', ')}`,
    );
}

async function copyAttempts(
  dataDir: string,
  traineeId: string,
  attempts: AttemptFiles,
  warn: (message: string) => void,
): Promise<void> {
  const folder = path.join(dataDir, 'attempts', traineeId);
  const target = attempts.fileOf(traineeId);
  if (await exists(target)) return;
  let names: string[];
  try {
    names = (await readdir(folder)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const found = new Map<string, Attempt>();
  for (const name of names) {
    const text = await readFile(path.join(folder, name), 'utf8');
    const items: unknown[] = [];
    try {
      if (name.endsWith('.json'))
        items.push(...((JSON.parse(text) as { attempts?: unknown[] }).attempts ?? []));
      else if (name.endsWith('.journal'))
        for (const line of text.split('\n')) if (line.trim() !== '') items.push(JSON.parse(line));
    } catch (error) {
      warn(
        `attempts/${traineeId}/${name} was not copied (${describeReadError(error)}); the file is left as it is`,
      );
      continue;
    }
    for (const item of items) {
      const old = legacyAttempt.safeParse(item);
      if (!old.success) continue;
      const { traineeId: userId, ...rest } = old.data;
      const attempt = attemptSchema.safeParse({ ...rest, userId });
      if (attempt.success) found.set(attempt.data.id, attempt.data);
    }
  }
  const lines = [...found.values()]
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
    .map((a) => JSON.stringify(a));
  if (lines.length > 0) await writeFileAtomic(target, `${lines.join('\n')}\n`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
