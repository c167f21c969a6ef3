import { describe, expect, it } from 'vitest';
import { configForPage, configFromPage, type SandboxConfig } from '../../src/components/sandbox-config.js';
import {
  onPythonState,
  pythonState,
  pythonStatusText,
  reportPythonProgress,
  type PythonState,
} from '../../src/components/python-preload.js';

const config: SandboxConfig = {
  example: 'items',
  exchange: 'get-items',
  definition: '{"openapi":"3.0.1"}',
  apiId: 'abc',
  apiType: 'REST',
  stage: 'dev',
  invokeUrl: 'https://abc.execute-api.us-east-1.amazonaws.com/dev',
  functionName: 'items_handler',
  defaultTimeoutMs: 29_000,
  maxTimeoutMs: 29_000,
  definitionSource: 'openapi: 3.0.1\n',
  definitionFile: 'openapi.yaml',
  languages: {
    python: {
      label: 'Python',
      source: 'def lambda_handler(event, context):\n    return {}\n',
      fileName: 'items_handler.py',
      moduleName: 'items_handler',
      handlerName: 'lambda_handler',
    },
    typescript: {
      label: 'TypeScript',
      source: 'export const handler = async () => ({});\n',
      fileName: 'items_handler.ts',
      moduleName: 'items_handler',
      handlerName: 'handler',
      compiled: 'export const handler = async () => ({});\n',
    },
  },
};

describe("the sandbox's config in the page", () => {
  it('leaves out the shown handler and the definition, which the textareas hold, and gets them back from there', () => {
    const inPage = configForPage(config, 'python');
    expect(inPage.definitionSource).toBeUndefined();
    expect(inPage.languages.python.source).toBeUndefined();
    expect(inPage.languages.typescript.source).toBe(config.languages.typescript.source);
    expect(
      configFromPage(
        JSON.parse(JSON.stringify(inPage)),
        'python',
        config.languages.python.source,
        config.definitionSource,
      ),
    ).toEqual(config);
  });

  it('keeps a text a textarea would not give back as it is (a leading newline, CR LF)', () => {
    const crlf = {
      ...config,
      definitionSource: 'openapi: 3.0.1\r\n',
      languages: { ...config.languages, python: { ...config.languages.python, source: '\nimport json\n' } },
    };
    const inPage = configForPage(crlf, 'python');
    expect(inPage.definitionSource).toBe('openapi: 3.0.1\r\n');
    expect(inPage.languages.python.source).toBe('\nimport json\n');
    expect(configFromPage(inPage, 'python', 'import json\n', 'openapi: 3.0.1\n')).toEqual(crlf);
  });
});

describe("the page's Python state", () => {
  it("follows Pyodide's progress by whole percents that never go back, then says Python is ready", () => {
    const seen: PythonState[] = [];
    const stop = onPythonState((s) => seen.push(s));
    reportPythonProgress({ phase: 'Loading Python (Pyodide)' });
    reportPythonProgress({ phase: 'Downloading Python (Pyodide)', loaded: 100, total: 119_000 });
    reportPythonProgress({ phase: 'Downloading Python (Pyodide)', loaded: 50_000, total: 119_000 });
    // A second file starts: the total grows, the share loaded falls; the percentage shown stays.
    reportPythonProgress({ phase: 'Downloading Python (Pyodide)', loaded: 60_000, total: 9_700_000 });
    reportPythonProgress({ phase: 'Downloading Python (Pyodide)', loaded: 9_700_000, total: 9_700_000 });
    reportPythonProgress({ phase: 'Starting Python (Pyodide)' });
    reportPythonProgress({ phase: 'Python ready' });
    stop();
    expect(seen.map(pythonStatusText)).toEqual([
      'Loading Python (Pyodide)… 0 %',
      'Loading Python (Pyodide)… 42 %',
      'Loading Python (Pyodide)… 99 %',
      'Starting Python (Pyodide)…',
      'Python ready',
    ]);
    expect(pythonState()).toEqual({ name: 'ready' });
  });
});
