/**
 * "Export to deploy" (issue #15): an API and its functions → the files of a SAM project (`template.yaml`, one folder
 * of handler code per function, `samconfig.toml`, README.md). Pure: the caller reads and writes the files (the CLI's
 * `apigw-lab export --format sam`, the page's "Download SAM project").
 */
import { bundleHandler, type BundleFunction } from './handlers.js';
import { externalResourcesOf, websocketExternalResourcesOf } from './externals.js';
import { logicalIdOf, stackNameOf } from './names.js';
import { readmeMarkdown } from './readme.js';
import { samconfigToml } from './samconfig.js';
import { apiLogicalIdOf, templateYaml, type TemplateFunction } from './template.js';
import { websocketApiLogicalIdOf, websocketTemplateYaml } from './websocket-template.js';
import type { WebSocketApiDocument } from '../websocket/document.js';

export type { BundleFunction } from './handlers.js';
export { NODE_RUNTIME, PYTHON_RUNTIME } from './handlers.js';
export { logicalIdOf, stackNameOf } from './names.js';

interface BundleInputBase {
  /** The example's id or the API's name: the stack's name (samconfig) and the zip's. */
  name: string;
  /** The template's Description (the example's title, or the API's). */
  title: string;
  stage: { name: string; variables: Record<string, string> };
  functions: BundleFunction[];
  /** The region samconfig.toml deploys to (default us-east-1). */
  region?: string;
}

/** A REST or HTTP API: an `AWS::Serverless::Api` / `HttpApi` with the definition inline. */
export interface OpenApiBundleInput extends BundleInputBase {
  kind: 'REST' | 'HTTP';
  /** The API as `exportApi` prints it (OpenAPI 3.0.1 with the x-amazon-apigateway extensions). */
  document: Record<string, unknown>;
  /** REST APIs: REGIONAL, EDGE or PRIVATE (SAM's default is EDGE). */
  endpointType?: string;
}

/** A WebSocket API: raw `AWS::ApiGatewayV2::*` resources (SAM has no WebSocket type). */
export interface WebSocketBundleInput extends BundleInputBase {
  kind: 'WEBSOCKET';
  /** The API as `exportWebSocketApi` writes it (get-api, get-routes, get-integrations). */
  document: WebSocketApiDocument;
}

export type SamBundleInput = OpenApiBundleInput | WebSocketBundleInput;

export interface SamBundle {
  /** Path inside the bundle (`src/items_handler/items_handler.py`) → text. */
  files: Record<string, string>;
  /** The resources a real deployment needs that the template does not create (also in README.md and the template). */
  notCreated: string[];
}

/** The SAM project of an API; throws a one-line Error for a handler file Lambda cannot run. */
export function samBundle(input: SamBundleInput): SamBundle {
  const ws = input.kind === 'WEBSOCKET';
  const taken = new Set([ws ? websocketApiLogicalIdOf(input.document) : apiLogicalIdOf(input.document)]);
  const functions: TemplateFunction[] = input.functions.map((fn) => {
    let logicalId = logicalIdOf(fn.name, 'Function');
    // Two names with the same PascalCase (items_handler, items-handler), or one equal to the API's id.
    for (let n = 2; taken.has(logicalId) || taken.has(`${logicalId}Permission`); n++)
      logicalId = `${logicalIdOf(fn.name, 'Function')}${n}`;
    taken.add(logicalId);
    taken.add(`${logicalId}Permission`);
    return { ...bundleHandler(fn), name: fn.name, logicalId };
  });
  const notCreated = ws ? websocketExternalResourcesOf(input.document) : externalResourcesOf(input.document);
  const stackName = stackNameOf(input.name);
  const files: Record<string, string> = {
    'template.yaml': ws
      ? websocketTemplateYaml({
          title: input.title,
          document: input.document,
          stage: input.stage,
          functions,
          notCreated,
        })
      : templateYaml({
          title: input.title,
          kind: input.kind,
          document: input.document,
          stage: input.stage,
          ...(input.endpointType && input.kind === 'REST' ? { endpointType: input.endpointType } : {}),
          functions,
          notCreated,
        }),
    'samconfig.toml': samconfigToml(stackName, input.region ?? 'us-east-1'),
    'README.md': readmeMarkdown({
      title: input.title,
      kind: input.kind,
      stageName: input.stage.name,
      stackName,
      functions,
      notCreated,
      compiled: input.functions.filter((f) => /\.[mc]?ts$/i.test(f.fileName)).map((f) => f.fileName),
    }),
  };
  for (const fn of functions) Object.assign(files, fn.files);
  return { files, notCreated };
}
