/** The components MDX pages use: `import { Exchange, Exercise, Sandbox } from '../../src/components';`. */
export { default as Exchange } from './Exchange.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Sandbox } from './Sandbox.astro';
