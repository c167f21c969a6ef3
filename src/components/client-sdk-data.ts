/**
 * Build-time data of <ClientSdk> (Node: Astro's frontmatter): the example's API exported as API Gateway exports its
 * stage, the client generated from that export, and the run the page sends each of the client's requests as.
 */
import { basename, extname } from 'node:path';
import { definitionVersion, exportApi, importApi } from '../emulator/index.js';
import { parseDefinition } from '../runtime/run-in-gateway.js';
import { transpileTypeScript } from '../runtime/worker/transpile.js';
import { baseUrlOf, generateTypeScriptClient } from '../sdk/index.js';
import { defaultUsage, type ClientSdkConfig } from './client-sdk-config.js';
import { getExample } from './example-data.js';

export interface ClientSdkData {
  config: ClientSdkConfig;
  /** The client's method names, in order. */
  methods: string[];
  /** The client's length in lines. */
  lines: number;
}

/** The data of `<ClientSdk example={name} />`; throws a clear error for an example it cannot show. */
export async function clientSdkData(name: string): Promise<ClientSdkData> {
  const example = getExample(name);
  const { manifest } = example;
  const functionNames = Object.keys(manifest.functions);
  if (functionNames.length !== 1)
    throw new Error(
      `examples/${name}: <ClientSdk> needs an example with one function (it has ${functionNames.length})`,
    );
  const functionName = functionNames[0]!;
  const document = parseDefinition(example.definition) as Record<string, unknown>;
  // The API as the example deploys it (its id, so the export's server URL is the example's invoke URL).
  const api = importApi(document, {
    apiId: manifest.apiId,
    ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
  });
  if (api.kind !== 'REST')
    throw new Error(`examples/${name}: <ClientSdk> shows REST APIs (API Gateway generates SDKs for REST APIs only)`);
  const version = definitionVersion(document);
  const exported = exportApi(api, {
    stage: { name: manifest.stage, deploymentId: '', variables: {} },
    ...(version === undefined ? {} : { version }),
  });
  const baseUrl = baseUrlOf(exported);
  if (baseUrl !== manifest.invokeUrl)
    throw new Error(
      `examples/${name}: the export's server URL ${baseUrl} is not the example's invokeUrl ${manifest.invokeUrl}`,
    );
  const file = (await generateTypeScriptClient(exported)).files[0]!;
  const spec = manifest.functions[functionName]!.typescript;
  const handlerSource = example.sources[functionName]!.typescript;
  return {
    methods: [...file.content.matchAll(/^ {2}(\w+) = \(/gm)].map((m) => m[1]!),
    lines: file.content.split('\n').length - 1,
    config: {
      example: name,
      fileName: file.name,
      client: file.content,
      usage: defaultUsage(),
      run: {
        language: 'typescript',
        handlerSource,
        // Compiled now: the page's first Run needs no compiler for the handler.
        handlerCode: transpileTypeScript(handlerSource),
        definition: JSON.stringify(document),
        apiId: manifest.apiId,
        apiType: 'REST',
        ...(manifest.endpointType ? { endpointType: manifest.endpointType } : {}),
        stage: manifest.stage,
        invokeUrl: manifest.invokeUrl,
        functionName,
        handlerName: spec.handler,
        moduleName: basename(spec.file, extname(spec.file)),
      },
    },
  };
}
