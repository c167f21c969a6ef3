export { lookUpCache as cache, storeInCache } from '../stage-cache/cache-step.js';
