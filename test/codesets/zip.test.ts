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
    [
      'something that is not a zip',
      () => Buffer.from('plain text, not an archive at all........'),
      /not a zip archive/,
    ],
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

  /** The archive with the central directory's declared size of its (only) member changed. */
  const declaring = (zip: Buffer, size: number) => {
    const changed = Buffer.from(zip);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    changed.writeUInt32LE(size, central + 24);
    return changed;
  };

  it.each([
    [
      'a member that inflates to more than it declares (a zip bomb)',
      () => declaring(makeZip({ 'bomb.txt': Buffer.alloc(4_000_000) }), 1000),
      (z: Buffer) => readZip(z)[0].read(),
      /inflates to more than the 1000 bytes it declares/,
    ],
    [
      'a member that declares an absurd size',
      () => declaring(makeZip({ 'a.txt': 'hello' }), 0xfff00000),
      (z: Buffer) => readZip(z),
      /more than the \d+-byte limit/,
    ],
    [
      'a ZIP64 member',
      () => declaring(makeZip({ 'a.txt': 'hello' }), 0xffffffff),
      (z: Buffer) => readZip(z),
      /ZIP64/,
    ],
  ])('refuses %s', (_name, make, use, message) => {
    const zip = make();
    expect(() => use(zip)).toThrow(ZipError);
    expect(() => use(zip)).toThrow(message);
  });
});
