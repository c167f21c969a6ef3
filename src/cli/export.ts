import { stringify } from 'yaml';
import { definitionVersion, exportApi } from '../emulator/index.js';
import type { ExportOptions } from './args.js';
import { CliError } from './errors.js';
import { runExportSam } from './export-sam.js';
import { loadDefinition } from './load-definition.js';
import { exportWebSocket, isWebSocketDefinition } from './serve-websocket.js';
import type { Output } from './serve.js';

/**
 * `apigw-lab export`: the definition imported as API Gateway would, printed as API Gateway exports it.
 * `info.version` is the definition's own (imports keep it as the API's `version`, which ImportRestApi returns), so the
 * output is the same from run to run.
 */
export async function runExport(options: ExportOptions, output: Output): Promise<void> {
  // REST, HTTP and WebSocket APIs alike (export-sam.ts tells them apart).
  if (options.format === 'sam') return runExportSam(options, output);
  if (await isWebSocketDefinition(options.definition, options.apiType)) return exportWebSocket(options, output);
  const apiType = options.apiType === 'WEBSOCKET' ? undefined : options.apiType;
  const { document, api } = await loadDefinition(options.definition, apiType);
  if (api.kind === 'REST' && options.stage === '$default')
    throw new CliError('--stage "$default": only HTTP APIs have a $default stage (see --api-type)');
  const version = definitionVersion(document);
  const exported = exportApi(api, {
    ...(options.stage === undefined ? {} : { stage: { name: options.stage, deploymentId: '', variables: {} } }),
    ...(version === undefined ? {} : { version }),
  });
  output.out(
    options.format === 'json' ? `${JSON.stringify(exported, null, 2)}\n` : stringify(exported, { lineWidth: 0 }),
  );
}
