import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsWorkspace } from '../../../src/adapters/workspace/fs-workspace';

describe('file workspace', () => {
  it('writes atomically, creating folders, and leaves no temp files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fsos-ws-'));
    const ws = createFsWorkspace(root);
    await ws.writeTextAtomic('shared/current_task.json', '{"a":1}');
    await ws.writeTextAtomic('shared/current_task.json', '{"a":2}');
    expect(await readFile(join(root, 'shared/current_task.json'), 'utf8')).toBe('{"a":2}');
    expect(await readdir(join(root, 'shared'))).toEqual(['current_task.json']);
    expect(await ws.readText('shared/current_task.json')).toBe('{"a":2}');
  });

  it('returns null for a missing file', async () => {
    const ws = createFsWorkspace(await mkdtemp(join(tmpdir(), 'fsos-ws-')));
    expect(await ws.readText('shared/blueprint.md')).toBeNull();
  });

  it('appends whole lines', async () => {
    const root = await mkdtemp(join(tmpdir(), 'fsos-ws-'));
    const ws = createFsWorkspace(root);
    await ws.appendLine('.frontier-sos/journal.jsonl', '{"n":1}');
    await ws.appendLine('.frontier-sos/journal.jsonl', '{"n":2}\n');
    expect(await ws.readText('.frontier-sos/journal.jsonl')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('refuses paths that leave the workspace', async () => {
    const ws = createFsWorkspace(await mkdtemp(join(tmpdir(), 'fsos-ws-')));
    await expect(ws.writeTextAtomic('../escape.txt', 'x')).rejects.toThrow(/outside the workspace/);
  });
});
