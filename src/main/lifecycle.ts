/** Something that lets go of what it holds (a listener, a window, a running engine). */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/**
 * Owns the disposers of the main process's services, the way VS Code's DisposableStore does
 * (base/common/lifecycle.ts), with async disposers and a label on each for the log:
 *
 * - `dispose()` runs them in reverse order of `add`: what was set up last, and may use what came
 *   before it, goes first;
 * - each is awaited before the next; one that throws or rejects is logged with its label and the
 *   rest still run (a quit must not stop half-way because the tray failed to go);
 * - it is idempotent: a second call returns the first one's promise and disposes nothing twice;
 * - something added after `dispose()` has begun is disposed at once (nothing is left to do it later).
 */
export class DisposableStore implements Disposable {
  private readonly entries: Array<{ label: string; dispose: () => void | Promise<void> }> = [];
  private disposing: Promise<void> | null = null;

  constructor(private readonly log: (line: string) => void) {}

  get isDisposed(): boolean {
    return this.disposing !== null;
  }

  /** Registers `label`'s disposer (a function, or anything with `dispose`); returns it unchanged. */
  add<T extends Disposable | (() => void | Promise<void>)>(label: string, disposer: T): T {
    const given: Disposable | (() => void | Promise<void>) = disposer;
    const dispose = typeof given === 'function' ? given : () => given.dispose();
    if (this.disposing) void this.run(label, dispose);
    else this.entries.push({ label, dispose });
    return disposer;
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      for (const entry of this.entries.splice(0).reverse()) await this.run(entry.label, entry.dispose);
    })();
    return this.disposing;
  }

  private async run(label: string, dispose: () => void | Promise<void>): Promise<void> {
    try {
      await dispose();
    } catch (error) {
      this.log(
        `frontier-sos: could not dispose ${label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
}
