import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);
const NFT = '/usr/sbin/nft';

export interface Silence {
  /** Lets the packets through again (deletes the table it added). */
  restore(): Promise<void>;
}

/**
 * Drops every packet to or from one local TCP port (an nftables table of its own, hooked on input): the peers
 * see a connection that neither answers nor closes, as when a host vanishes. Needs root; installs Debian's
 * nftables when `nft` is missing (the kernel has nf_tables built in; `tc` drop actions are not built).
 */
export async function silencePort(port: number): Promise<Silence> {
  ensureNft();
  const table = `alpes_silence_${process.pid}_${port}`;
  const rules =
    `table inet ${table} {\n chain input {\n  type filter hook input priority 0; policy accept;\n` +
    `  tcp sport ${port} drop\n  tcp dport ${port} drop\n }\n}\n`;
  await nft(['-f', '-'], rules);
  return { restore: () => nft(['delete', 'table', 'inet', table]) };
}

async function nft(args: string[], input?: string): Promise<void> {
  const child = run(NFT, args);
  if (input !== undefined) child.child.stdin?.end(input);
  await child.catch((e: { stderr?: string }) => {
    throw new Error(`nft ${args.join(' ')} failed (root is needed to silence a connection): ${e.stderr ?? String(e)}`);
  });
}

function ensureNft(): void {
  if (existsSync(NFT)) return;
  if (process.getuid?.() !== 0)
    throw new Error(`${NFT} is missing and this process is not root: run \`apt-get install -y nftables\` as root`);
  console.log("[silence] nft missing: installing Debian's nftables with apt-get …");
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'nftables']]) {
    const r = spawnSync('apt-get', args, {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed: ${r.stderr?.trim() ?? r.error?.message}`);
  }
}
