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
import { samBundle, type BundleFunction } from '../emulator/sam-bundle/index.js';
import { definitionVersion } from '../emulator/api-export.js';

/** What the sandbox holds now (sandbox-element.ts `samProject()`). */
export interface SamProjectFiles {
  example: string;
  title: string;
  /** The Definition tab's text (YAML or JSON), as edited. */
  definition: string;
  definitionFile: string;
  apiType: 'REST' | 'HTTP';
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
    throw new Error(`${project.definitionFile} is not valid YAML: ${firstLine(error)}`);
  }
  const defined = definitionVersion(document);
  const version = defined === undefined ? {} : { version: defined };
  let exported: Record<string, unknown>;
  try {
    exported =
      project.apiType === 'HTTP'
        ? exportHttpApiOpenApi(importHttpApi(document), version)
        : exportOpenApi(
            importOpenApi(document, project.endpointType ? { endpointType: project.endpointType } : {}),
            version,
          );
  } catch (error) {
    throw new Error(`${project.definitionFile} does not import: ${firstLine(error)}`);
  }
  const { files } = samBundle({
    name: project.example,
    title: project.title,
    kind: project.apiType,
    document: exported,
    stage: project.stage,
    ...(project.endpointType ? { endpointType: project.endpointType } : {}),
    functions: project.functions,
  });
  const folder = `${project.example}-sam`;
  const entries = Object.fromEntries(Object.entries(files).map(([path, text]) => [`${folder}/${path}`, strToU8(text)]));
  return { fileName: `${folder}.zip`, bytes: zipSync(entries) };
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
