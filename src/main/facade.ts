/**
 * The slice of Electron the main-process modules use. `index.ts` passes the real `electron`
 * module; tests pass plain objects, so tray, dialogs and IPC are tested without the binary.
 */
export interface IpcMainInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}
