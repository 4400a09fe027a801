// Lint, and above all the layers of docs/architecture.md, enforced here rather than in review:
//   shared <- core <- adapters, sim <- compose <- hosts (main, server, cli)
//   renderer -> shared only;  preload -> shared + electron's bridge only.
// eslint-plugin-boundaries checks which of our own elements may import which; ESLint's
// no-restricted-imports checks which outside packages (electron, react, node:http…) a layer may use.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const elements = [
  { type: 'shared', pattern: 'shared' },
  { type: 'core', pattern: 'src/core' },
  { type: 'adapters', pattern: 'src/adapters' },
  { type: 'sim', pattern: 'src/sim' },
  { type: 'compose', pattern: 'src/compose' },
  { type: 'main', pattern: 'src/main' },
  { type: 'preload', pattern: 'src/preload' },
  { type: 'renderer', pattern: 'src/renderer' },
  { type: 'server', pattern: 'src/server' },
  { type: 'cli', pattern: 'src/cli' },
  { type: 'bench', pattern: 'bench' },
  { type: 'tests', pattern: '(tests|e2e)' },
];

const allow = (from, to) => ({
  from: { element: { type: from } },
  allow: { to: { element: { types: { anyOf: to } } } },
});

// The core has one public entry, src/core/index.ts (VS Code's code-no-deep-import-of-internal): every
// other layer that may use the core imports that file and nothing under it. Tests are exempt (they
// test modules where they live, and src/core/testing.ts reaches the engine's insides).
const throughCoreEntry = new Set(['adapters', 'sim', 'compose', 'main', 'server', 'cli', 'bench']);
const layerPolicy = (from, to) =>
  throughCoreEntry.has(from) && to.includes('core')
    ? [
        allow(
          from,
          to.filter((layer) => layer !== 'core'),
        ),
        {
          from: { element: { type: from } },
          allow: { to: { element: { type: 'core', fileInternalPath: 'index.ts' } } },
        },
      ]
    : [allow(from, to)];

const layerPolicies = [
  ...layerPolicy('shared', ['shared']),
  ...layerPolicy('core', ['shared', 'core']),
  ...layerPolicy('adapters', ['shared', 'core', 'adapters']),
  ...layerPolicy('sim', ['shared', 'core', 'adapters', 'sim']),
  ...layerPolicy('compose', ['shared', 'core', 'adapters', 'sim', 'compose']),
  ...layerPolicy('main', ['shared', 'core', 'adapters', 'compose', 'main']),
  ...layerPolicy('server', ['shared', 'core', 'adapters', 'sim', 'compose', 'server']),
  ...layerPolicy('cli', ['shared', 'core', 'adapters', 'sim', 'compose', 'server', 'cli', 'bench']),
  ...layerPolicy('preload', ['shared', 'preload']),
  ...layerPolicy('renderer', ['shared', 'renderer']),
  ...layerPolicy('bench', ['shared', 'core', 'adapters', 'sim', 'compose', 'bench']),
  ...layerPolicy('tests', [
    'shared',
    'core',
    'adapters',
    'sim',
    'compose',
    'main',
    'preload',
    'renderer',
    'server',
    'cli',
    'bench',
    'tests',
  ]),
];

const nodeBuiltins = [
  'node:.+',
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'url',
  'util',
  'stream',
  'events',
  'worker_threads',
];
const sdks = ['ollama', 'openai', '@anthropic-ai/[^/]+', 'systeminformation'];
const ui = ['electron', 'react', 'react-dom', 'zustand'];
/** Matches a bare package name (and its subpaths) only, never a relative path that happens to contain it. */
const restrict = (message, names) => ({ regex: `^(${names.join('|')})(/.*)?$`, message });

/** Packages a layer may not import, with the reason given to whoever tries. */
const forbiddenPackages = {
  shared: [
    restrict('shared/ is pure domain code: no Node built-ins (it runs in the renderer too).', nodeBuiltins),
    restrict('shared/ may not import Electron, React or any UI library.', ui),
    restrict('shared/ may not import an SDK: adapters wrap those.', sdks),
  ],
  core: [
    restrict('The core reaches the network, files and processes only through its ports.', [
      '(node:)?(http|https|http2|net|tls|dgram|fs|child_process|cluster)',
    ]),
    restrict('The core may not import Electron, React or any UI library.', ui),
    restrict('The core may not import an SDK: adapters wrap those behind ports.', sdks),
  ],
  renderer: [
    restrict('The renderer runs sandboxed: no Node built-ins; ask the host through the API client.', nodeBuiltins),
    restrict('The renderer may not import Electron; it talks through window.frontierSos or HTTP.', ['electron']),
    restrict('The renderer may not import an SDK: keys and models live in the host.', sdks),
  ],
  preload: [
    restrict('The preload is a sandboxed bridge: no Node built-ins.', nodeBuiltins),
    { regex: '^(?!\\.|electron$).*', message: "The preload imports only shared/ and electron's bridge APIs." },
  ],
  adapters: [restrict('Adapters may not import Electron: the main process hands them what they need.', ['electron'])],
  sim: [restrict('The simulator runs without Electron.', ['electron'])],
  server: [restrict('The headless host runs without Electron.', ['electron'])],
  cli: [restrict('The CLI runs without Electron.', ['electron'])],
};

const layerFiles = {
  shared: ['shared/**'],
  core: ['src/core/**'],
  renderer: ['src/renderer/**'],
  preload: ['src/preload/**'],
  adapters: ['src/adapters/**'],
  sim: ['src/sim/**'],
  server: ['src/server/**'],
  cli: ['src/cli/**'],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'tests/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/dependencies': [2, { default: 'disallow', policies: layerPolicies }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.entries(layerFiles).map(([layer, files]) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbiddenPackages[layer],
          // From electron, the preload may take only what a bridge needs.
          paths:
            layer === 'preload'
              ? [
                  {
                    name: 'electron',
                    allowImportNames: ['contextBridge', 'ipcRenderer', 'IpcRendererEvent'],
                    message: 'The preload may use only contextBridge and ipcRenderer.',
                  },
                ]
              : [],
        },
      ],
    },
  })),
  {
    // The DOM does not exist below the renderer: shared and core run in Node and in tests.
    files: ['shared/**', 'src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'location', 'HTMLElement'].map((name) => ({
          name,
          message: `${name} is a DOM global: shared/ and src/core/ must run without a browser.`,
        })),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
