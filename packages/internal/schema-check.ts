// The `/schema-check` entry at the package root, like `/next`. Test code only: never bundled into a package.
export * from './src/schema-check';
