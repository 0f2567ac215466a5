/**
 * Streams lines to many files under one folder with backpressure: each file
 * buffers ~64 KB, then writes and, when the stream is full, waits for 'drain'.
 * Memory stays bounded by (open files × buffer) whatever the portfolio size.
 */
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

const FLUSH_AT = 64 * 1024;

class FileOut {
  // Lines are copied into a byte buffer at once, so their strings die young
  // (cheap minor GCs) instead of piling up in old space until a flush.
  private buf = Buffer.allocUnsafe(FLUSH_AT);
  private used = 0;
  readonly done: Promise<void>;
  private readonly input: Writable;

  constructor(
    readonly path: string,
    gzip: boolean,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    const file = createWriteStream(path);
    if (gzip) {
      const zip = createGzip();
      this.input = zip;
      this.done = pipeline(zip, file);
    } else {
      this.input = file;
      this.done = finished(file);
    }
    // Surface errors through `done`; avoid an unhandled rejection before close().
    this.done.catch(() => undefined);
  }

  /** Returns a promise only when the caller must wait (buffer flushed into a full stream). */
  append(line: string): Promise<void> | undefined {
    let wait: Promise<void> | undefined;
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.used + line.length * 3 + 1 > this.buf.length) wait = this.flush();
    if (line.length * 3 + 1 > this.buf.length) {
      this.input.write(line + '\n');
      return wait;
    }
    this.used += this.buf.write(line, this.used);
    this.buf[this.used++] = 0x0a;
    return wait;
  }

  /** Hands the filled part of the buffer to the stream (synchronously), then waits for 'drain' if needed. */
  flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const chunk = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(FLUSH_AT);
    this.used = 0;
    if (this.input.write(chunk)) return undefined;
    return Promise.race([once(this.input, 'drain').then(() => undefined), this.done]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.input.end();
    await this.done;
  }
}

export class Sink {
  private readonly files = new Map<string, FileOut>();

  constructor(
    private readonly root: string,
    private readonly gzip: boolean,
  ) {}

  /** Appends one line to `relative` (without the .gz suffix, added when gzipping). */
  append(relative: string, line: string): Promise<void> | undefined {
    let file = this.files.get(relative);
    if (!file) {
      file = new FileOut(join(this.root, relative + (this.gzip ? '.gz' : '')), this.gzip);
      this.files.set(relative, file);
    }
    return file.append(line);
  }

  /** Closes every file; returns their paths (relative, sorted) and sizes in bytes. */
  async close(): Promise<{ path: string; bytes: number }[]> {
    const entries = [...this.files.entries()];
    await Promise.all(entries.map(([, f]) => f.close()));
    return entries
      .map(([rel, f]) => ({ path: rel + (this.gzip ? '.gz' : ''), bytes: statSync(f.path).size }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
