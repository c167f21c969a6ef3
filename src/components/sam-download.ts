/**
 * "Download SAM project" (issue #15), loaded on the first click: the sandbox's files as the reader left them (the
 * edited definition and every function's edited code in the shown language) with the example's stage, exported as a
 * SAM project (src/emulator/sam-bundle) and zipped (fflate) into `<example>-sam.zip`, a folder of the same name inside.
 */
import { strToU8, zipSync } from 'fflate';
import { parse } from 'yaml';
// The importers and exporters themselves, not api-type.js: it brings the gateways, which this module has no use for.
import { exportHttpApiOpenApi } from '../emulator/http-api/openapi-export.js';
import { importHttpApi } from '../emulator/http-api/openapi-import.js';
import { exportOpenApi } from '../emulator/rest/openapi-export.js';
import { importOpenApi } from '../emulator/rest/openapi-import.js';
import type { EndpointType } from '../emulator/rest/model.js';
import { samBundle, type BundleFunction, type SamBundleInput } from '../emulator/sam-bundle/index.js';
import { WebSocketDefinitionError } from '../emulator/websocket/document.js';
import { exportWebSocketApi, parseWebSocketApi } from '../emulator/websocket/definition.js';
import { definitionVersion } from '../emulator/api-export.js';

/** What the sandbox holds now (sandbox-element.ts `samProject()`, chat-controller.ts `samProject()`). */
export interface SamProjectFiles {
  example: string;
  title: string;
  /** The Definition tab's text (YAML or JSON), as edited: OpenAPI, or a WebSocket API's api.json. */
  definition: string;
  definitionFile: string;
  apiType: 'REST' | 'HTTP' | 'WEBSOCKET';
  endpointType?: EndpointType;
  stage: { name: string; variables: Record<string, string> };
  functions: BundleFunction[];
}

/** The zip's entries (`<example>-sam/template.yaml`, …); throws a one-line Error for a definition that does not import. */
export function samProjectZip(project: SamProjectFiles): { fileName: string; bytes: Uint8Array } {
  let document: unknown;
  try {
    document = parse(project.definition);
  } catch (error) {
    const format = /\.json$/i.test(project.definitionFile) ? 'JSON' : 'YAML';
    throw new Error(`${project.definitionFile} is not valid ${format}: ${firstLine(error)}`);
  }
  const common = { name: project.example, title: project.title, stage: project.stage, functions: project.functions };
  let input: SamBundleInput;
  try {
    input =
      project.apiType === 'WEBSOCKET'
        ? { ...common, kind: 'WEBSOCKET', document: exportWebSocketApi(parseWebSocketApi(document)) }
        : { ...common, ...openApiOf(document, project) };
  } catch (error) {
    const what = error instanceof WebSocketDefinitionError ? 'is not a WebSocket API definition' : 'does not import';
    throw new Error(`${project.definitionFile} ${what}: ${firstLine(error)}`);
  }
  const { files } = samBundle(input);
  const folder = `${project.example}-sam`;
  const entries = Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, strToU8(text)]));
  return { fileName: `${folder}.zip`, bytes: zipSync(entries) };
}

/** A REST or HTTP API's definition imported and exported as API Gateway would (the template's DefinitionBody). */
function openApiOf(document: unknown, project: SamProjectFiles) {
  const defined = definitionVersion(document);
  const version = defined === undefined ? {} : { version: defined };
  if (project.apiType === 'HTTP')
    return { kind: 'HTTP' as const, document: exportHttpApiOpenApi(importHttpApi(document), version) };
  const endpoint = project.endpointType ? { endpointType: project.endpointType } : {};
  return { kind: 'REST' as const, document: exportOpenApi(importOpenApi(document, endpoint), version), ...endpoint };
}

/** Builds the zip and hands it to the browser as a download; the message of a failure is returned, not thrown. */
export function downloadSamProject(project: SamProjectFiles): string {
  let zip: ReturnType<typeof samProjectZip>;
  try {
    zip = samProjectZip(project);
  } catch (error) {
    return `Could not export: ${firstLine(error)}`;
  }
  const url = URL.createObjectURL(new Blob([zip.bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = zip.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; free it once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${zip.fileName}: sam build && sam deploy --guided, or apigw-lab serve template.yaml`;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
