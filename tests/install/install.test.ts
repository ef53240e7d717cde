import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a user gets from the registry: every public package packed as `pnpm publish` packs it, installed
// with npm into projects outside the workspace (no workspace links, no hoisted devDependencies), then the
// consumers in ./consumers type-checked with the two module resolutions we support and run with Node.

const root = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const scratch = mkdtempSync(path.join(tmpdir(), 'clerkship-install-'));
const tarballs = path.join(scratch, 'tarballs');

interface Manifest {
  name: string;
  devDependencies?: Record<string, string>;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const packages = readdirSync(path.join(root, 'packages'))
  .map((folder) => path.join(root, 'packages', folder))
  .filter((directory) => existsSync(path.join(directory, 'package.json')))
  .map((directory) => ({
    directory,
    manifest: JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as Manifest,
  }))
  .filter(({ manifest }) => !manifest.private);

const tarballOf = new Map<string, string>();

function sh(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

const isOptional = (manifest: Manifest, peer: string) =>
  manifest.peerDependenciesMeta?.[peer]?.optional === true;
const requiredPeers = (manifest: Manifest) =>
  Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !isOptional(manifest, peer));
const optionalPeers = (manifest: Manifest) =>
  Object.keys(manifest.peerDependencies ?? {}).filter((peer) => isOptional(manifest, peer));
const ours = (name: string) => name.startsWith('@clerkship/');

/** The version the workspace develops against: what the npm cache already holds. */
function workspaceVersion(name: string): string {
  for (const { directory } of packages) {
    const manifest = path.join(directory, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).version;
  }
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')).version;
  throw new Error(`${name} is not installed in the workspace`);
}

/**
 * Entry points (`exports` keys) of a package as import specifiers, and whether each runs only inside a
 * Next.js app: `/next` entries import `next/*` and `@clerk/nextjs`, which plain Node cannot load.
 */
function entriesOf(manifest: Manifest) {
  return Object.keys(manifest.exports ?? {})
    .filter((key) => key !== './package.json')
    .map((key) => ({
      specifier: key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`,
      nextOnly: key === './next' || key.startsWith('./next/'),
    }));
}

/** A project outside the workspace with `install` installed by npm and the given consumers. */
function createProject(name: string, install: string[], consumers: Record<string, string>) {
  const directory = path.join(scratch, name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    path.join(directory, 'package.json'),
    JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }),
  );
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      '--no-package-lock',
      ...install,
      `@types/node@${workspaceVersion('@types/node')}`,
    ],
    directory,
  );
  for (const [file, source] of Object.entries(consumers)) writeFileSync(path.join(directory, file), source);
  const compilerOptions = {
    target: 'ES2023',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    // As apps compile: third-party declarations (Clerk's, Stripe's) do not all check on their own. That an
    // optional peer's types do not silently become `any` is checked by @ts-expect-error lines in ./consumers.
    skipLibCheck: true,
    types: ['node'],
    jsx: 'react-jsx',
  };
  for (const [resolution, options] of [
    ['bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
    ['node16', { module: 'Node16', moduleResolution: 'Node16' }],
  ] as const) {
    writeFileSync(
      path.join(directory, `tsconfig.${resolution}.json`),
      JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, include: ['*.ts', '*.tsx'] }),
    );
  }
  return directory;
}

function typecheck(directory: string, resolution: 'bundler' | 'node16'): string {
  try {
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], {
      cwd: directory,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

/**
 * The errors a user who checks library types (`skipLibCheck: false`) would see in our declarations.
 * Clerk's and Stripe's own files have errors of their own; none may come from ours.
 */
function ourLibErrors(directory: string, resolution: 'bundler' | 'node16'): string[] {
  try {
    execFileSync(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`, '--skipLibCheck', 'false'], {
      cwd: directory,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return [];
  } catch (error) {
    return String((error as { stdout?: string }).stdout)
      .split('\n')
      .filter((line) => line.startsWith('node_modules/@clerkship/'));
  }
}

const consumer = (file: string) => readFileSync(path.join(import.meta.dirname, 'consumers', file), 'utf8');

/** Our consumers for a package in a scenario, or one that imports each of its server entries. */
function consumersFor(manifest: Manifest, scenario: 'minimal' | 'full'): Record<string, string> {
  const short = manifest.name.replace('@clerkship/', '');
  const own = path.join(import.meta.dirname, 'consumers', `${short}.${scenario}.ts`);
  if (existsSync(own)) return { [`${short}.${scenario}.ts`]: consumer(`${short}.${scenario}.ts`) };
  const entries = entriesOf(manifest).filter(
    (entry) => (scenario === 'full' || entry.specifier === manifest.name) && !entry.nextOnly,
  );
  const lines = entries.map(
    (entry, index) =>
      `import * as entry${index} from '${entry.specifier}';\nif (Object.keys(entry${index}).length === 0) throw new Error('${entry.specifier} exports nothing');`,
  );
  return { [`${short}.${scenario}.ts`]: `${lines.join('\n')}\nconsole.info('ok');\n` };
}

/** Every Next.js entry, type-checked only: running one needs a Next.js app (the example app's e2e tests). */
function nextConsumers(): Record<string, string> {
  const lines = packages.flatMap(({ manifest }) =>
    entriesOf(manifest)
      .filter((entry) => entry.nextOnly)
      .map((entry) => `export * as ${entry.specifier.replace(/\W+/g, '_')} from '${entry.specifier}';`),
  );
  return { 'next-entries.ts': `${lines.join('\n')}\n` };
}

beforeAll(() => {
  mkdirSync(tarballs);
  for (const { directory, manifest } of packages) {
    const output = sh('pnpm', ['pack', '--pack-destination', tarballs], directory).trim().split('\n');
    tarballOf.set(manifest.name, output[output.length - 1] ?? '');
  }
});

afterAll(() => {
  // CLERKSHIP_KEEP_INSTALL=1 keeps the projects, to rerun a consumer by hand.
  if (!process.env.CLERKSHIP_KEEP_INSTALL) rmSync(scratch, { recursive: true, force: true });
});

it('builds every public package first: each is a devDependency of this test package', () => {
  const own = JSON.parse(readFileSync(path.join(import.meta.dirname, 'package.json'), 'utf8')) as Manifest;
  const missing = packages
    .map(({ manifest }) => manifest.name)
    .filter((name) => !Object.hasOwn(own.devDependencies ?? {}, name));
  // turbo builds a package's dependencies before its tests: add a new package to tests/install too.
  expect(missing).toEqual([]);
});

it('every tarball holds the LICENSE and only declared imports: a bare import is a dependency or a peer', () => {
  const problems: string[] = [];
  for (const { directory, manifest } of packages) {
    const files = sh('tar', ['-tzf', tarballOf.get(manifest.name) ?? ''], directory).split('\n');
    if (!files.includes('package/LICENSE')) problems.push(`${manifest.name}: no LICENSE in the tarball`);
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const file of files.filter((name) => /\.(c|m)?js$/.test(name))) {
      const source = readFileSync(path.join(directory, file.replace(/^package\//, '')), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import|require\()\s*["']([^"'./][^"']*)["']/g)) {
        const name = (specifier ?? '')
          .split('/')
          .slice(0, (specifier ?? '').startsWith('@') ? 2 : 1)
          .join('/');
        if (name.startsWith('node:') || builtinModules.includes(name)) continue;
        if (!declared.has(name)) problems.push(`${manifest.name}: ${file} imports undeclared ${specifier}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

describe.each(packages)('$manifest.name with only its required peers', ({ manifest }) => {
  it('installs, type-checks (bundler, node16) and runs', () => {
    // Our own packages it needs come from the tarballs too: the registry may not have this version.
    const needed = [manifest.name, ...Object.keys(manifest.dependencies ?? {}), ...requiredPeers(manifest)];
    const install = [...new Set(needed.filter(ours))].map((name) => tarballOf.get(name) ?? name);
    const consumers = consumersFor(manifest, 'minimal');
    const directory = createProject(
      `${manifest.name.replace('@clerkship/', '')}-minimal`,
      install,
      consumers,
    );

    // npm installs required peers itself and never optional ones: check that is what happened.
    for (const peer of requiredPeers(manifest)) {
      expect(existsSync(path.join(directory, 'node_modules', peer)), peer).toBe(true);
    }
    for (const peer of optionalPeers(manifest)) {
      expect(existsSync(path.join(directory, 'node_modules', peer)), `${peer} installed`).toBe(false);
    }
    expect(typecheck(directory, 'bundler')).toBe('');
    expect(typecheck(directory, 'node16')).toBe('');
    for (const file of Object.keys(consumers)) {
      expect(sh(process.execPath, [file], directory)).toContain('ok');
    }
  });
});

describe('every package with every optional peer', () => {
  it('installs, type-checks (bundler, node16) and runs, and the CLI runs through npx', () => {
    const peers = [
      ...new Set(packages.flatMap(({ manifest }) => Object.keys(manifest.peerDependencies ?? {}))),
    ].filter((name) => !ours(name));
    const install = [
      ...packages.map(({ manifest }) => tarballOf.get(manifest.name) ?? ''),
      ...[...peers, 'react-dom', '@types/react'].map((name) => `${name}@${workspaceVersion(name)}`),
    ];
    const consumers = Object.assign(
      {},
      ...packages.map(({ manifest }) => consumersFor(manifest, 'full')),
      nextConsumers(),
    );
    const directory = createProject('full', install, consumers);

    expect(typecheck(directory, 'bundler')).toBe('');
    expect(typecheck(directory, 'node16')).toBe('');
    // With every peer's types loaded next to ours: no duplicate global declarations, no import that only
    // a bundler resolves (`next/server` needs `.js` under node16).
    expect(ourLibErrors(directory, 'bundler')).toEqual([]);
    expect(ourLibErrors(directory, 'node16')).toEqual([]);
    for (const file of Object.keys(consumers).filter((name) => name !== 'next-entries.ts')) {
      expect(sh(process.execPath, [file], directory), file).toContain('ok');
    }
    // The command the README documents: it can only run our package.
    expect(sh('npx', ['--no-install', '@clerkship/webhooks-handler', 'list'], directory)).toContain(
      'user.created',
    );
    // CommonJS users of the dual packages (testing is ES modules only).
    const dual = packages.filter(({ manifest }) => JSON.stringify(manifest.exports).includes('"require"'));
    const requires = dual.map(({ manifest }) => `require(${JSON.stringify(manifest.name)});`).join('');
    expect(sh(process.execPath, ['-e', `${requires}console.info('ok')`], directory)).toContain('ok');
  });
});
