import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * The program listening on a TCP port of this machine, as `pid <n> (<command line>)`, or undefined when it
 * cannot be told (not Linux, or the process belongs to another user and we are not root). Read from /proc:
 * the listening socket's inode in /proc/net/tcp{,6}, then the process that holds that inode open.
 */
export function portHolder(port: number): string | undefined {
  try {
    const inodes = listeningInodes(port);
    if (inodes.size === 0) return undefined;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      if (holdsAny(pid, inodes)) return `pid ${pid} (${commandLine(pid)})`;
    }
  } catch {
    // No /proc (another platform): the caller names the port alone.
  }
  return undefined;
}

const LISTEN = '0A';

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = fields[1]?.split(':')[1];
      if (local && Number.parseInt(local, 16) === port && fields[3] === LISTEN && fields[9]) inodes.add(fields[9]);
    }
  }
  return inodes;
}

function holdsAny(pid: string, inodes: ReadonlySet<string>): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return fds.some((fd) => {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return target.startsWith('socket:[') && inodes.has(target.slice(8, -1));
    } catch {
      return false;
    }
  });
}

function commandLine(pid: string): string {
  const text = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
