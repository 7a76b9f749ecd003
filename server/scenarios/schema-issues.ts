/**
 * Turns zod's issues into catalogued scenario problems: one problem per field,
 * with the structured path kept until display.
 */
import { z } from 'zod';
import { scenarioSchema } from './schema';
import { problemMessage, type ProblemId } from './problems';

export interface PathProblem {
  problem: ProblemId;
  path: Array<string | number>;
  message: string;
  /** Point at the key rather than the value (unknown fields). */
  atKey?: boolean;
}

type Issue = z.core.$ZodIssue;

export function schemaProblems(issues: readonly Issue[], data: unknown): PathProblem[] {
  const out: PathProblem[] = [];
  for (const issue of issues) collect(issue, [], data, out);
  return out;
}

function collect(issue: Issue, prefix: Array<string | number>, data: unknown, out: PathProblem[]): void {
  const path = [...prefix, ...(issue.path as Array<string | number>)];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const suggestion = suggestField(path, key);
        out.push({
          problem: 'unknown-field',
          path: [...path, key],
          atKey: true,
          message: problemMessage('unknown-field', { field: key, suggestion: suggestion ?? '' }),
        });
      }
      return;
    case 'invalid_union': {
      const value = valueAt(data, path);
      // The branches are: a text line, an object, then (alternatives) a group of lines.
      // Explain the branch the trainer was writing.
      const index = typeof value === 'string' ? 0 : Array.isArray(value) ? 2 : 1;
      const branch = issue.errors[Math.min(index, issue.errors.length - 1)];
      if (typeof value === 'string' || (value !== null && typeof value === 'object')) {
        for (const inner of branch) collect(inner, path, data, out);
      } else {
        out.push({
          problem: 'invalid-value',
          path,
          message: problemMessage('invalid-value', { reason: 'expected a line such as "27786-RT x1", an object with code, modifiers and units, or a list of such lines' }),
        });
      }
      return;
    }
    case 'invalid_type':
      if (isMissing(data, path)) {
        out.push({ problem: 'missing-field', path, message: problemMessage('missing-field', { field: String(path[path.length - 1]) }) });
        return;
      }
      out.push({ problem: 'invalid-value', path, message: problemMessage('invalid-value', { reason: typeMessage(issue, valueAt(data, path)) }) });
      return;
    default:
      out.push({ problem: 'invalid-value', path, message: problemMessage('invalid-value', { reason: issue.message }) });
  }
}

function typeMessage(issue: Issue, value: unknown): string {
  // Our schema gives each field a message naming what it expects; zod's default one is the fallback.
  if (!issue.message.startsWith('Invalid input')) return `${issue.message} (got ${describe(value)})`;
  return `expected ${(issue as { expected?: string }).expected ?? 'another kind of value'}, got ${describe(value)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function isMissing(data: unknown, path: ReadonlyArray<string | number>): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !(String(path[path.length - 1]) in parent);
}

// ---- "did you mean": the fields the format allows at a path, from the JSON Schema ----

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
}

let rootSchema: JsonSchemaNode | undefined;

function fieldsAt(path: ReadonlyArray<string | number>): string[] {
  rootSchema ??= z.toJSONSchema(scenarioSchema, { io: 'input' }) as JsonSchemaNode;
  let node: JsonSchemaNode | undefined = rootSchema;
  for (const part of path) {
    if (!node) return [];
    if (node.anyOf) node = node.anyOf.find((option) => option.properties) ?? node.anyOf[0];
    node = typeof part === 'number' ? node.items : node.properties?.[part];
  }
  if (node?.anyOf) node = node.anyOf.find((option) => option.properties);
  return Object.keys(node?.properties ?? {});
}

function suggestField(path: ReadonlyArray<string | number>, key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of fieldsAt(path)) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
