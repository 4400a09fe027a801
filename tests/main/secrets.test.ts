import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/dispatch';
import { createCore } from '../../src/core/index';
import { KeychainUnavailableError, createSafeStorageSecrets } from '../../src/main/secrets';
import { fakeSafeStorage } from '../helpers/main-fake-electron';
import { fakePorts } from '../helpers/fakes';

const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fsos-keys-'));
  dirs.push(dir);
  return join(dir, 'keys');
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('safeStorage secrets (the Secrets port of the desktop app)', () => {
  it('keeps each key encrypted in its own file under userData, never in clear', async () => {
    const dir = await tempDir();
    const secrets = createSafeStorageSecrets(fakeSafeStorage(), dir);
    expect(await secrets.has('ANTHROPIC_API_KEY')).toBe(false);
    await secrets.set('ANTHROPIC_API_KEY', key);
    expect(await readdir(dir)).toEqual(['ANTHROPIC_API_KEY.enc']);
    const onDisk = await readFile(join(dir, 'ANTHROPIC_API_KEY.enc'), 'utf8');
    expect(onDisk).not.toContain(key);
    expect(Buffer.from(onDisk.trim(), 'base64').toString()).not.toContain(key);
    expect(await secrets.has('ANTHROPIC_API_KEY')).toBe(true);
    expect(await secrets.get('ANTHROPIC_API_KEY')).toBe(key);
    // A fresh instance (the next start) reads it back.
    expect(await createSafeStorageSecrets(fakeSafeStorage(), dir).get('ANTHROPIC_API_KEY')).toBe(key);
  });

  it('falls back to the environment variable of the same name', async () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage(), await tempDir(), {
      env: { OPENAI_API_KEY: 'sk-from-env' },
    });
    expect(await secrets.has('OPENAI_API_KEY')).toBe(true);
    expect(await secrets.get('OPENAI_API_KEY')).toBe('sk-from-env');
    expect(await secrets.get('ANTHROPIC_API_KEY')).toBeNull();
  });

  it('saves nothing when the OS offers no encryption, and says why without the key', async () => {
    const dir = await tempDir();
    const secrets = createSafeStorageSecrets(fakeSafeStorage(false), dir);
    const error = await secrets.set('OPENAI_API_KEY', key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(String(error)).not.toContain(key);
    expect(await secrets.has('OPENAI_API_KEY')).toBe(false);
  });

  it('an empty value removes the key', async () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage(), await tempDir());
    await secrets.set('OPENAI_API_KEY', key);
    await secrets.set('OPENAI_API_KEY', '');
    expect(await secrets.has('OPENAI_API_KEY')).toBe(false);
  });

  it('refuses names that could be paths', async () => {
    const secrets = createSafeStorageSecrets(fakeSafeStorage(), await tempDir());
    await expect(secrets.set('../evil', key)).rejects.toThrow(/not a secret name/);
    await expect(secrets.get('a/b')).rejects.toThrow(/not a secret name/);
  });

  it('behind the core: secrets.set then secrets.status over the contract, the key never in an answer', async () => {
    const dir = await tempDir();
    const core = createCore({ ...fakePorts(), secrets: createSafeStorageSecrets(fakeSafeStorage(), dir) });
    const set = await dispatch(core.handlers, 'secrets.set', { provider: 'openai', key });
    expect(set).toEqual({ ok: true, data: { openai: true, anthropic: false } });
    expect(await dispatch(core.handlers, 'secrets.status', {})).toEqual({
      ok: true,
      data: { openai: true, anthropic: false },
    });
    expect(JSON.stringify(set)).not.toContain(key);
    const unavailable = createCore({ ...fakePorts(), secrets: createSafeStorageSecrets(fakeSafeStorage(false), dir) });
    const refused = await dispatch(unavailable.handlers, 'secrets.set', { provider: 'anthropic', key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(refused)).toContain('keychain');
    expect(JSON.stringify(refused)).not.toContain(key);
  });
});
