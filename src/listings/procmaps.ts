// Parses /proc/PID/maps lines: `start-end perms offset dev inode [path]`.
// Pure; addresses are bigint because 64-bit kernel addresses exceed 2^53.

export interface Mapping {
  start: bigint;
  end: bigint;
  perms: string; // e.g. "r-xp"
  read: boolean;
  write: boolean;
  exec: boolean;
  shared: boolean;
  offset: bigint;
  device: string;
  inode: string;
  path: string; // "" for an anonymous mapping
  /** 1-based line in the listing. */
  line: number;
}

export type MapsLine =
  | { kind: 'mapping'; line: number; mapping: Mapping }
  | { kind: 'blank' | 'other'; line: number; text: string }
  | { kind: 'malformed'; line: number; text: string; reason: string };

const MAPPING = /^([0-9a-fA-F]+)-([0-9a-fA-F]+)\s+([r-][w-][x-][ps])\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]+:[0-9a-fA-F]+)\s+(\d+)(?:\s+(.*?))?\s*$/;
// Lines that are not mappings but are expected around them: a shell prompt, smaps fields.
const OTHER = /^(?:[$#]\s|[A-Z][A-Za-z_]*:\s+\d+(?:\s+kB)?\s*$|VmFlags:)/;

export function parseMapsLine(text: string, line: number): MapsLine {
  if (!text.trim()) return { kind: 'blank', line, text };
  if (OTHER.test(text)) return { kind: 'other', line, text };
  const m = MAPPING.exec(text);
  if (!m) return { kind: 'malformed', line, text, reason: malformedReason(text) };
  const [, s, e, perms, off, device, inode, path] = m as unknown as [string, string, string, string, string, string, string, string | undefined];
  const start = BigInt(`0x${s}`);
  const end = BigInt(`0x${e}`);
  if (end <= start) return { kind: 'malformed', line, text, reason: 'the end address is not above the start address' };
  return {
    kind: 'mapping', line,
    mapping: {
      start, end, perms,
      read: perms[0] === 'r', write: perms[1] === 'w', exec: perms[2] === 'x', shared: perms[3] === 's',
      offset: BigInt(`0x${off}`), device, inode, path: path ?? '', line,
    },
  };
}

function malformedReason(text: string): string {
  const f = text.trim().split(/\s+/);
  if (!/^[0-9a-fA-F]+-[0-9a-fA-F]+$/.test(f[0] ?? '')) return 'the first field is not an address range like 00400000-0042d000';
  if (!/^[r-][w-][x-][ps]$/.test(f[1] ?? '')) return 'the permissions are not four flags like r-xp';
  if (!/^[0-9a-fA-F]+$/.test(f[2] ?? '')) return 'the offset is not hexadecimal';
  if (!/^[0-9a-fA-F]+:[0-9a-fA-F]+$/.test(f[3] ?? '')) return 'the device is not major:minor like 08:11';
  return 'the inode is not a number';
}

export function parseMaps(text: string): MapsLine[] {
  return text.split('\n').map((t, i) => parseMapsLine(t, i + 1));
}

/** 4096 -> "4 KiB", 2^47 -> "128 TiB" (one decimal under 10). */
export function formatSize(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = 0;
  let v = Number(bytes);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  const s = v < 10 && !Number.isInteger(v) ? v.toFixed(1).replace(/\.0$/, '') : String(Math.round(v));
  return `${s} ${units[i]}`;
}

/** The permission class of a mapping: "rx", "rw", "r", "rwx", "none", ... */
export function permClass(m: Pick<Mapping, 'read' | 'write' | 'exec'>): string {
  return `${m.read ? 'r' : ''}${m.write ? 'w' : ''}${m.exec ? 'x' : ''}` || 'none';
}

export function hex(n: bigint): string {
  return n.toString(16);
}
