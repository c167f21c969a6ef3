/** Client SDK generation (Node side): the CLI's `apigw-lab sdk` and the pages' build-time <ClientSdk>. */
export { CLIENT_FILE_NAME, generateTypeScriptClient, type GeneratedClient, type GeneratedFile } from './generate.js';
export { apiGatewayMethodName } from './method-name.js';
export { baseUrlOf } from './server-url.js';
export {
  API_GATEWAY_SDK_TYPES,
  LAB_SDK_LANGUAGES,
  unsupportedLanguageMessage,
  type LabSdkLanguage,
} from './languages.js';
