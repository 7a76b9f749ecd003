import { readZip, ZipError } from '../../server/codesets/zip';
import { makeZip } from '../helpers/zip-writer';

describe('readZip', () => {
  it('lists and reads members', () => {
    const zip = makeZip({ 'a.txt': 'hello', 'dir/b.txt': 'world' });
    const members = readZip(zip);
    expect(members.map((m) => [m.name, m.size])).toEqual([
      ['a.txt', 5],
      ['dir/b.txt', 5],
    ]);
    expect(members[1].read().toString()).toBe('world');
  });

  it.each([
    ['a truncated archive', (z: Buffer) => z.subarray(0, z.length - 30), /truncated/],
    ['something that is not a zip', () => Buffer.from('plain text, not an archive at all........'), /not a zip archive/],
  ])('refuses %s', (_name, damage, message) => {
    expect(() => readZip(damage(makeZip({ 'a.txt': 'hello world hello world' })))).toThrow(message);
  });

  it('refuses a member whose checksum does not match', () => {
    const zip = makeZip({ 'a.txt': 'hello world hello world' });
    const damaged = Buffer.from(zip);
    damaged.writeUInt32LE(12345, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 16);
    expect(() => readZip(damaged)[0].read()).toThrow(ZipError);
    expect(() => readZip(damaged)[0].read()).toThrow(/corrupt/);
  });
});
