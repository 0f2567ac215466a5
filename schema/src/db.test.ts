import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from './db.ts';
import { loadEnv } from './env.ts';
import { PlatformError } from './errors.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function openError(env: Record<string, string>): Promise<PlatformError> {
  try {
    const db = await openDb(loadEnv(env));
    await db.close();
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected openDb to fail');
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('openDb errors', () => {
  it('says which server is unreachable and what to check', async () => {
    const port = await freePort();
    const err = await openError({
      CLICKHOUSE_URL: `http://127.0.0.1:${port}`,
      CLICKHOUSE_PASSWORD: 'secret-pw',
    });
    expect(err.code).toBe('DB_UNREACHABLE');
    expect(err.message).toContain(`http://127.0.0.1:${port}`);
    expect(err.message).toContain('CLICKHOUSE_URL');
    expect(err.message).not.toContain('secret-pw');
  });

  it('says which embedded directory is locked, by whom, and what to do', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'collections-lock-'));
    dirs.push(dir);
    // Another process holds the directory, as the API would.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${path.resolve(import.meta.dirname, 'db.ts')}').then(async (m) => {
           await m.openDb({ CHDB_PATH: ${JSON.stringify(dir)} });
           console.log('ready');
           setInterval(() => {}, 1000);
         });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on(
          'data',
          (chunk: Buffer) => chunk.toString().includes('ready') && resolve(),
        );
        holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const err = await openError({ CHDB_PATH: dir });
      expect(err.code).toBe('DB_LOCKED');
      expect(err.message).toContain(dir);
      expect(err.message).toContain(`PID ${holder.pid}`);
      expect(err.message).toMatch(/another process/);
      expect(err.message).toMatch(/stop that process|INBOX_DIR/);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
