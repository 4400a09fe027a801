/** Reads files of a repository at HEAD through git, from a git directory (bare or not). */
import { execFileSync } from 'node:child_process';

const git = (dir, ...args) =>
  execFileSync('git', [`--git-dir=${dir}`, ...args], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
export const show = (dir, path) => git(dir, 'show', `HEAD:${path}`);
export const list = (dir, under) =>
  git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', under).toString('utf8').split('\n').filter(Boolean);
export const head = (dir) => git(dir, 'rev-parse', 'HEAD').toString('utf8').trim();
export const describe = (dir) => {
  try {
    return git(dir, 'describe', '--tags').toString('utf8').trim();
  } catch {
    return '';
  }
};
