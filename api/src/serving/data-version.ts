/**
 * The data version answers are cached under. It moves when a load commits:
 * in-process (the embedded inbox job runs in the API process) the job calls
 * `changed()` right after its commit; with a server, other processes load, so
 * the load ledger's latest state change is polled every few seconds.
 */
import { queryRows, type Db } from '@collections/schema';

/** The ledger's newest state change; every load writes `loading`, `loaded`, `done` rows. */
const LEDGER_TOKEN =
  'SELECT toString(max(updated_at)) AS t, toString(count()) AS n FROM load_ledger';

export class DataVersion {
  readonly #db: Pick<Db, 'client'>;
  readonly #listeners: ((version: string) => void)[] = [];
  #ledger = '';
  #epoch = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Pick<Db, 'client'>) {
    this.#db = db;
  }

  get current(): string {
    return `${this.#epoch}:${this.#ledger}`;
  }

  onChange(listener: (version: string) => void): void {
    this.#listeners.push(listener);
  }

  /** Read the ledger; when it moved, the version moves and listeners run. True on a change. */
  async refresh(): Promise<boolean> {
    const moved = await this.#read();
    if (moved) this.#emit();
    return moved;
  }

  /** A load committed in this process: move the version now (whatever the ledger says). */
  async changed(): Promise<void> {
    this.#epoch++;
    await this.#read().catch(() => false);
    this.#emit();
  }

  /** Read the ledger token; true when it moved (the first read only sets it). */
  async #read(): Promise<boolean> {
    const [row] = await queryRows<{ t: string; n: string }>(this.#db, LEDGER_TOKEN);
    const token = `${row?.t ?? ''}/${row?.n ?? ''}`;
    if (token === this.#ledger) return false;
    const first = this.#ledger === '';
    this.#ledger = token;
    return !first;
  }

  /** Poll the ledger every `seconds` (server engine); errors keep the current version. */
  poll(seconds: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.refresh().catch(() => false), seconds * 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.current);
  }
}
