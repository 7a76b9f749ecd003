/**
 * Reads the members of a zip archive held in memory: enough for the CMS releases
 * (stored or deflated members, no encryption, no multi-disk). Every member's CRC is
 * checked, so a damaged or truncated download is refused rather than half-imported.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

/**
 * The largest member Handoff inflates: the biggest CMS release member is about 15 MB, so a
 * declared size far above it is a damaged or hostile archive (a zip bomb), refused before
 * any memory is spent on it.
 */
export const MAX_MEMBER_BYTES = 256 * 1024 * 1024;
/** ZIP64 marks its sizes with this value; the CMS releases never need it. */
const ZIP64_MARKER = 0xffffffff;

export interface ZipMember {
  name: string;
  size: number;
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === LOCAL_FILE_HEADER;
}

export function readZip(data: Buffer): ZipMember[] {
  const end = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  let offset = data.readUInt32LE(end + 16);
  if (offset + directorySize > data.length)
    throw new ZipError('the zip archive is truncated (its directory points past the end of the file)');
  const members: ZipMember[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new ZipError('the zip directory is damaged');
    const method = data.readUInt16LE(offset + 10);
    const crc = data.readUInt32LE(offset + 16);
    const compressedSize = data.readUInt32LE(offset + 20);
    const size = data.readUInt32LE(offset + 24);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const localOffset = data.readUInt32LE(offset + 42);
    const name = data.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (size === ZIP64_MARKER || compressedSize === ZIP64_MARKER || localOffset === ZIP64_MARKER)
      throw new ZipError(`zip member ${name} uses ZIP64, which Handoff does not read`);
    if (size > MAX_MEMBER_BYTES)
      throw new ZipError(
        `zip member ${name} says it is ${size} bytes, more than the ${MAX_MEMBER_BYTES}-byte limit`,
      );
    members.push({
      name,
      size,
      read: () => readMember(data, { name, method, crc, compressedSize, size, localOffset }),
    });
  }
  return members;
}

function findEndOfCentralDirectory(data: Buffer): number {
  // The record sits at the end, after a comment of at most 65,535 bytes.
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= lowest; i--) {
    if (data.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  throw new ZipError(
    isZip(data) ? 'the zip archive is truncated (no central directory at its end)' : 'not a zip archive',
  );
}

function readMember(
  data: Buffer,
  m: { name: string; method: number; crc: number; compressedSize: number; size: number; localOffset: number },
): Buffer {
  if (m.localOffset + 30 > data.length || data.readUInt32LE(m.localOffset) !== LOCAL_FILE_HEADER)
    throw new ZipError(`zip member ${m.name} is damaged`);
  const start =
    m.localOffset + 30 + data.readUInt16LE(m.localOffset + 26) + data.readUInt16LE(m.localOffset + 28);
  const raw = data.subarray(start, start + m.compressedSize);
  if (raw.length < m.compressedSize) throw new ZipError(`zip member ${m.name} is truncated`);
  let content: Buffer;
  if (m.method === 0) content = Buffer.from(raw);
  else if (m.method === 8) {
    try {
      // Never more than the member says it holds: a member that inflates beyond its declared
      // size stops there instead of filling memory.
      content = inflateRawSync(raw, { maxOutputLength: Math.max(1, m.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new ZipError(`zip member ${m.name} inflates to more than the ${m.size} bytes it declares`);
      throw new ZipError(`zip member ${m.name} cannot be decompressed: ${(error as Error).message}`);
    }
  } else
    throw new ZipError(
      `zip member ${m.name} uses compression method ${m.method}, which Handoff does not read`,
    );
  if (content.length !== m.size || crc32(content) !== m.crc)
    throw new ZipError(`zip member ${m.name} is corrupt (size or checksum does not match)`);
  return content;
}
