import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { cleanFolder, draftOf, insideRoot, publishedOf } from '../../server/authoring/paths';
import { freshTempDirEachTest } from '../helpers/temp-dir';

describe('cleanFolder', () => {
  it.each([
    ['', ''],
    ['office', 'office'],
    ['week-3/cases/', 'week-3/cases'],
    ['week 3\\cases', 'week 3/cases'],
  ])('accepts %j as %j', (input, expected) => {
    expect(cleanFolder(input)).toBe(expected);
  });

  it.each([
    ['..', 'is not a folder inside the scenarios folder'],
    ['office/../../etc', 'is not a folder inside the scenarios folder'],
    ['.git', 'is not a folder inside the scenarios folder'],
    ['glossary', 'holds the glossary, not scenarios'],
    ['/etc', 'is outside the scenarios folder'],
    ['C:\\Windows', 'is outside the scenarios folder'],
    ['a/b\u0000c', 'is not a folder inside the scenarios folder'],
  ])('refuses %j', (input, message) => {
    expect(() => cleanFolder(input)).toThrow(message);
  });
});

describe('insideRoot', () => {
  const temp = freshTempDirEachTest('handoff-paths-');
  it('resolves a file inside, and refuses one outside or behind a link that leads out', async () => {
    const root = path.join(temp.dir, 'scenarios');
    await mkdir(path.join(root, 'office'), { recursive: true });
    await mkdir(path.join(temp.dir, 'elsewhere'));
    await symlink(path.join(temp.dir, 'elsewhere'), path.join(root, 'escape'));
    expect(await insideRoot(root, 'office/a.yaml')).toBe(path.join(root, 'office', 'a.yaml'));
    await expect(insideRoot(root, '../a.yaml')).rejects.toThrow('outside the scenarios folder');
    await expect(insideRoot(root, '/etc/passwd')).rejects.toThrow('outside the scenarios folder');
    await expect(insideRoot(root, 'escape/a.yaml')).rejects.toThrow('leads outside the scenarios folder');
  });
});

describe('drafts', () => {
  it.each([
    ['office/a.yaml', 'office/a.draft.yaml'],
    ['a.yml', 'a.draft.yaml'],
  ])('names the draft of %s %s, which publishes back', (file, draft) => {
    expect(draftOf(file)).toBe(draft);
    expect(publishedOf(draft)).toBe(file.replace(/\.yml$/, '.yaml'));
  });
});
