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
  private chunks: string[] = [];
  private size = 0;
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
    this.chunks.push(line, '\n');
    this.size += line.length + 1;
    return this.size >= FLUSH_AT ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.input.write(data)) await Promise.race([once(this.input, 'drain'), this.done]);
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
