/**
 * A throwaway PostgreSQL cluster for the benchmark: Debian's postgresql (15),
 * installed with apt-get when missing and we are root, initdb'd in a temp dir,
 * started on a free local port (as the `postgres` user when we are root, since
 * PostgreSQL refuses to run as root), and removed at the end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PgServer {
  readonly port: number;
  readonly dir: string;
  readonly version: string;
  readonly user: string;
  /** PID of the postmaster (its backends are its children). */
  pid(): number;
  stop(): Promise<void>;
}

/** Settings for a benchmark box: durability off (like the embedded engines), memory sized for 24 GB. */
const SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  work_mem: '256MB',
  maintenance_work_mem: '1GB',
  effective_cache_size: '8GB',
  max_wal_size: '8GB',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_parallel_workers_per_gather: '2',
  timezone: 'UTC',
  listen_addresses: '127.0.0.1',
};

function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  const preferred = versions.includes('15') ? '15' : versions[0];
  return preferred ? path.join(root, preferred, 'bin') : undefined;
}

/** The PostgreSQL bin directory, installing Debian's postgresql if needed (root only). */
export function locatePostgres(install = true): string | undefined {
  const found = pgBinDir();
  if (found || !install || process.getuid?.() !== 0) return found;
  spawnSync(
    'env',
    ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', 'postgresql'],
    {
      stdio: 'ignore',
    },
  );
  return pgBinDir();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export async function startPostgres(): Promise<PgServer> {
  const bin = locatePostgres();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
      : [path.join(bin, cmd), args];
    const res = spawnSync(file, argv as string[], { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`);
    return res.stdout;
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'bench', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    ...Object.entries(SETTINGS).map(([k, v]) => `-c ${k}=${v}`),
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  const version = run('postgres', ['--version']).trim();
  return {
    port,
    dir,
    version,
    user: 'bench',
    pid: () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
