// The `/next` entry at the package root, where every resolver finds it (the declaration bundler reads
// no `exports` map).
export * from './src/next/index';
