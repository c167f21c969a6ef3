export { cache, storeInCache } from '../stage-cache/cache-step.js';
