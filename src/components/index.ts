/** The components MDX pages use: `import { ChatExercise, ChatSandbox, Exchange, Exercise, Sandbox } from '../../src/components';`. */
export { default as Exchange } from './Exchange.astro';
export { default as Exercise } from './Exercise.astro';
export { default as Sandbox } from './Sandbox.astro';
export { default as ChatSandbox } from './ChatSandbox.astro';
export { default as ChatExercise } from './ChatExercise.astro';
export { default as PricingCalculator } from './PricingCalculator.astro';
export { default as ClientSdk } from './ClientSdk.astro';
