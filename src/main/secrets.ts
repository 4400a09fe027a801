import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../adapters/workspace/fs-workspace';
import type { Secrets } from '../core/index';
import type { SafeStorageLike } from './facade';

export interface SecretFiles {
  read(path: string): Promise<string | null>;
  write(path: string, text: string): Promise<void>;
  remove(path: string): Promise<void>;
}

const realFiles: SecretFiles = {
  read: readTextIfExists,
  write: writeFileAtomic,
  remove: (path) => rm(path, { force: true }),
};

/** The error a caller sees when the OS offers no encryption: the key is then not kept at all. */
export class KeychainUnavailableError extends Error {
  constructor() {
    super(
      'The OS keychain encryption (Electron safeStorage) is not available, so the key was not saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet); on macOS, allow Frontier SOS to use the keychain.',
    );
    this.name = 'KeychainUnavailableError';
  }
}

const namePattern = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The core's Secrets port for the desktop app: each key encrypted with Electron's safeStorage
 * (on macOS the key to that lives in the login keychain) in its own file under `dir`. A key never
 * leaves this module in clear except through `get`, which only the engine calls; nothing logs it.
 * An environment variable of the same name is the fallback, as in the headless host.
 */
export function createSafeStorageSecrets(
  safeStorage: SafeStorageLike,
  dir: string,
  options: { env?: NodeJS.ProcessEnv; files?: SecretFiles } = {},
): Secrets {
  const env = options.env ?? {};
  const files = options.files ?? realFiles;
  const fileOf = (name: string) => {
    if (!namePattern.test(name)) throw new Error(`"${name}" is not a secret name (capitals, digits and "_" only).`);
    return join(dir, `${name}.enc`);
  };
  const stored = async (name: string): Promise<string | null> => {
    const text = await files.read(fileOf(name));
    if (text === null) return null;
    if (!safeStorage.isEncryptionAvailable()) throw new KeychainUnavailableError();
    try {
      return safeStorage.decryptString(Buffer.from(text.trim(), 'base64'));
    } catch (error) {
      throw new Error(
        `The stored ${name} could not be decrypted (the keychain entry changed?). Set the key again in the dashboard's settings.`,
        { cause: error },
      );
    }
  };
  return {
    async get(name) {
      return (await stored(name)) ?? env[name] ?? null;
    },
    async set(name, value) {
      const path = fileOf(name);
      if (value === '') {
        await files.remove(path);
        return;
      }
      if (!safeStorage.isEncryptionAvailable()) throw new KeychainUnavailableError();
      await files.write(path, `${safeStorage.encryptString(value).toString('base64')}\n`);
    },
    async has(name) {
      return (await files.read(fileOf(name))) !== null || Boolean(env[name]);
    },
  };
}
