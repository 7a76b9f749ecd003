/**
 * Trainees: a display name and a stable id. Everything else is keyed by the id, so real
 * accounts can replace display names later without moving any data.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { openJsonFile, type JsonFile } from './json-file';

export interface Trainee {
  id: string;
  name: string;
  createdAt: string;
}

interface TraineeFile {
  trainees: Trainee[];
}

export const TRAINEE_ID = /^[a-z0-9]{16}$/;
export const MAX_NAME_LENGTH = 60;

const isTraineeFile = (data: unknown): data is TraineeFile =>
  typeof data === 'object' && data !== null && Array.isArray((data as TraineeFile).trainees);

/** Names are compared as people read them: case, accents and spacing aside. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export function cleanName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** The file, with indexes so that finding a trainee does not read through all of them. */
interface OpenTrainees {
  db: JsonFile<TraineeFile>;
  byId: Map<string, Trainee>;
  byName: Map<string, Trainee>;
}

export class TraineeStore {
  private opened?: Promise<OpenTrainees>;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private open(): Promise<OpenTrainees> {
    this.opened ??= openJsonFile(path.join(this.dataDir, 'trainees.json'), { trainees: [] }, isTraineeFile, 'trainees.json').then(
      (db) => ({ db, byId: new Map(db.data.trainees.map((t) => [t.id, t])), byName: new Map(db.data.trainees.map((t) => [nameKey(t.name), t])) }),
      (error: unknown) => {
        this.opened = undefined;
        throw error;
      },
    );
    return this.opened;
  }

  async list(): Promise<Trainee[]> {
    return [...(await this.open()).db.data.trainees];
  }

  async get(id: string): Promise<Trainee | undefined> {
    if (!TRAINEE_ID.test(id)) return undefined;
    return (await this.open()).byId.get(id);
  }

  /** The trainee with this display name, created when new. */
  async findOrCreate(name: string): Promise<Trainee> {
    const { db, byId, byName } = await this.open();
    const key = nameKey(name);
    const existing = byName.get(key);
    if (existing) return existing;
    const trainee: Trainee = { id: randomBytes(8).toString('hex'), name: cleanName(name), createdAt: this.now().toISOString() };
    // Indexed before the save, so that the same name arriving meanwhile finds this trainee.
    db.data.trainees.push(trainee);
    byId.set(trainee.id, trainee);
    byName.set(key, trainee);
    await db.write();
    return trainee;
  }
}
