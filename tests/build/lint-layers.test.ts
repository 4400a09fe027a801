import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layers of docs/architecture.md are enforced by `npm run lint`. These cases lint deliberate
// violations (and their allowed counterparts) as if they were files in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = imported;\n`, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const violations: Array<[string, string, string, RegExp]> = [
  [
    'shared imports electron',
    'shared/violation.ts',
    "import { app as imported } from 'electron';",
    /no-restricted-imports.*Electron/,
  ],
  [
    'shared imports react',
    'shared/violation.ts',
    "import { useState as imported } from 'react';",
    /no-restricted-imports/,
  ],
  [
    'shared imports a Node built-in',
    'shared/violation.ts',
    "import { readFileSync as imported } from 'node:fs';",
    /no-restricted-imports.*Node built-ins/,
  ],
  [
    'shared imports the core',
    'shared/violation.ts',
    "import { createCore as imported } from '../src/core/index';",
    /boundaries\/dependencies.*"shared".*"core"/,
  ],
  ['shared touches the DOM', 'shared/violation.ts', 'const imported = window.location;', /no-restricted-globals/],
  [
    'core imports node:http',
    'src/core/violation.ts',
    "import { createServer as imported } from 'node:http';",
    /no-restricted-imports.*ports/,
  ],
  [
    'core imports electron',
    'src/core/violation.ts',
    "import { app as imported } from 'electron';",
    /no-restricted-imports/,
  ],
  [
    'core imports react',
    'src/core/violation.ts',
    "import { useState as imported } from 'react';",
    /no-restricted-imports/,
  ],
  [
    'core imports an adapter',
    'src/core/violation.ts',
    "import { createOllamaHost as imported } from '../adapters/ollama/ollama-host';",
    /boundaries\/dependencies.*"core".*"adapters"/,
  ],
  [
    'core imports a host',
    'src/core/violation.ts',
    "import { startHttpHost as imported } from '../server/http-host';",
    /boundaries\/dependencies.*"core".*"server"/,
  ],
  [
    'core imports the ollama SDK',
    'src/core/violation.ts',
    "import { Ollama as imported } from 'ollama';",
    /no-restricted-imports.*SDK/,
  ],
  ['core touches the DOM', 'src/core/violation.ts', 'const imported = document.title;', /no-restricted-globals/],
  [
    'renderer imports the core',
    'src/renderer/src/violation.ts',
    "import { createCore as imported } from '../../core/index';",
    /boundaries\/dependencies.*"renderer".*"core"/,
  ],
  [
    'renderer imports an adapter',
    'src/renderer/src/violation.ts',
    "import { ollamaUrl as imported } from '../../adapters/ollama/host-url';",
    /boundaries\/dependencies/,
  ],
  [
    'renderer imports a Node built-in',
    'src/renderer/src/violation.ts',
    "import { join as imported } from 'node:path';",
    /no-restricted-imports/,
  ],
  [
    'renderer imports electron',
    'src/renderer/src/violation.ts',
    "import { ipcRenderer as imported } from 'electron';",
    /no-restricted-imports/,
  ],
  [
    'preload imports a Node built-in',
    'src/preload/violation.ts',
    "import { readFileSync as imported } from 'node:fs';",
    /no-restricted-imports/,
  ],
  [
    'preload imports electron beyond the bridge',
    'src/preload/violation.ts',
    "import { shell as imported } from 'electron';",
    /no-restricted-imports.*contextBridge/,
  ],
  [
    'preload imports another package',
    'src/preload/violation.ts',
    "import { z as imported } from 'zod';",
    /no-restricted-imports.*only shared/,
  ],
  [
    'preload imports the core',
    'src/preload/violation.ts',
    "import { createCore as imported } from '../core/index';",
    /boundaries\/dependencies/,
  ],
  [
    'main imports the CLI host',
    'src/main/violation.ts',
    "import { run as imported } from '../cli/index';",
    /boundaries\/dependencies.*"main".*"cli"/,
  ],
  [
    'an adapter imports electron',
    'src/adapters/violation.ts',
    "import { app as imported } from 'electron';",
    /no-restricted-imports/,
  ],
  // The core's one public entry: a deep import from any other layer is refused.
  ...(
    [
      ['main', 'src/main/violation.ts', "import { Context as imported } from '../core/orchestrator/context';"],
      ['server', 'src/server/violation.ts', "import { createHandlers as imported } from '../core/handlers';"],
      ['cli', 'src/cli/violation.ts', "import { repairJournal as imported } from '../core/journal/journal';"],
      ['compose', 'src/compose/violation.ts', "import type { Ports as imported } from '../core/ports';"],
      ['an adapter', 'src/adapters/violation.ts', "import type { ModelHost as imported } from '../core/ports';"],
      ['the simulator', 'src/sim/violation.ts', "import { routeByDefaults as imported } from '../core/router/index';"],
      ['the bench', 'bench/violation.ts', "import { sosPolicy as imported } from '../src/core/orchestrator/policy';"],
    ] as const
  ).map(([layer, file, code]): [string, string, string, RegExp] => [
    `${layer} imports the core past its entry point`,
    file,
    code,
    /boundaries\/dependencies/,
  ]),
];

const allowed: Array<[string, string, string]> = [
  ['core imports shared', 'src/core/allowed.ts', "import { channels as imported } from '../../shared/contract';"],
  ['shared imports zod', 'shared/allowed.ts', "import { z as imported } from 'zod';"],
  ['renderer imports shared', 'src/renderer/src/allowed.ts', "import { t as imported } from '../../../shared/i18n';"],
  ['renderer imports react', 'src/renderer/src/allowed.ts', "import { useState as imported } from 'react';"],
  ['preload imports the bridge', 'src/preload/allowed.ts', "import { contextBridge as imported } from 'electron';"],
  [
    'adapters import the core ports through its entry',
    'src/adapters/allowed.ts',
    "import type { ModelHost as imported } from '../core/index';",
  ],
  ['server imports the core', 'src/server/allowed.ts', "import { createCore as imported } from '../core/index';"],
];

describe('layer rules', () => {
  it.each(violations)('rejects: %s', async (_name, file, code, expected) => {
    const messages = await lint(file, code);
    expect(
      messages.some((m) => expected.test(m)),
      messages.join('\n') || '(no lint errors)',
    ).toBe(true);
  });

  it.each(allowed)('allows: %s', async (_name, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
