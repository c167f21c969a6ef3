/** The components MDX pages use: `import { Exchange, Sandbox } from '../../src/components';`. */
export { default as Exchange } from './Exchange.astro';
export { default as Sandbox } from './Sandbox.astro';
