import { defineConfig } from 'vitest/config';

/** Runs the example recorder (scripts/record/record-example.ts), never part of `npm test`. */
export default defineConfig({ test: { include: ['scripts/record/record-example.ts'], testTimeout: 120_000 } });
