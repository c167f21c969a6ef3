export * from './types.js';
export type { EmbeddedServiceBackend, ServiceLinks } from './embedded-backend.js';
export { EmbeddedAwsServices, parseServicesFile } from './embedded-services.js';
export { functionNamesOfServicesFile } from './function-names.js';
