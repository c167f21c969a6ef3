/**
 * Python Lambda handlers on Pyodide, runtime-agnostic: works with any already-loaded Pyodide
 * (Node worker thread or browser Web Worker). The handler source is written to /var/task/<module>.py
 * and imported as that module; events arrive as `json.loads` output, results leave through `json.dumps`,
 * and stdout/stderr become log lines, as in the AWS Python runtime.
 */
import type { PyodideInterface } from 'pyodide';
import type { InvokeOutcome, LambdaContextInit, LambdaErrorPayload } from '../emulator/shared/invoker.js';
import { lambdaEnvironment } from './context.js';
import { PYTHON_BOOTSTRAP_MODULE, PYTHON_BOOTSTRAP_PATH, PYTHON_BOOTSTRAP_SOURCE } from './python-bootstrap.js';

/** One Python handler loaded into a Pyodide instance. */
export interface PythonHandler {
  /** Runs the handler once; never throws for handler faults (errors, syntax errors, marshal errors). */
  invoke(event: unknown, contextInit: LambdaContextInit): Promise<InvokeOutcome>;
  /** Replaces the handler's source; the module is imported afresh (module state reset) on the next invoke. */
  setSource(source: string): void;
  /** Forgets the handler in the Pyodide instance. */
  dispose(): void;
}

interface BootstrapModule {
  register(moduleName: string, handlerName: string): number;
  set_source(handlerId: number, source: string): void;
  unregister(handlerId: number): void;
  invoke(handlerId: number, eventJson: string, fieldsJson: string): string;
}

/** Per-Pyodide state: the bootstrap module and where stdout/stderr lines go right now. */
interface RuntimeState {
  bootstrap: BootstrapModule;
  stdout: LineWriter;
  stderr: LineWriter;
  sink: string[] | null;
  /** The boto3 shim, once a handler that names boto3 or botocore has asked for it. */
  boto3?: Promise<void>;
}

const runtimes = new WeakMap<PyodideInterface, RuntimeState>();

/**
 * Loads a Python handler (`moduleName` = the file stem) into `pyodide`; the module is imported on the first invoke.
 * `options.environment`: the function's own environment variables, on top of those Lambda sets.
 */
export function createPythonHandler(
  pyodide: PyodideInterface,
  source: string,
  moduleName: string,
  handlerName = 'lambda_handler',
  options: { environment?: Record<string, string> } = {},
): PythonHandler {
  const runtime = ensureRuntime(pyodide);
  const id = runtime.bootstrap.register(moduleName, handlerName);
  runtime.bootstrap.set_source(id, source);
  let current = source;
  let disposed = false;
  return {
    async invoke(event, contextInit) {
      if (disposed) throw new Error(`Python handler ${moduleName}.${handlerName} was disposed`);
      if (NAMES_BOTO3.test(current)) await ensurePythonBoto3Shim(pyodide);
      const logs: string[] = [];
      const environment = { ...lambdaEnvironment(contextInit, `${moduleName}.${handlerName}`), ...options.environment };
      const fields = { ...contextInit, environment };
      runtime.sink = logs;
      let reply: string;
      try {
        reply = runtime.bootstrap.invoke(id, JSON.stringify(event ?? null), JSON.stringify(fields));
      } finally {
        runtime.stdout.flush();
        runtime.stderr.flush();
        runtime.sink = null;
      }
      return parseReply(reply, logs);
    },
    setSource(next) {
      current = next;
      runtime.bootstrap.set_source(id, next);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      runtime.bootstrap.unregister(id);
    },
  };
}

/** A handler source that imports boto3 or botocore (the lab's shim is installed before it runs). */
const NAMES_BOTO3 = /\b(?:boto3|botocore)\b/;

/**
 * Installs boto3, as every Lambda Python runtime has it (/var/runtime; the lab's covers the @connections API), into
 * `pyodide` once: loaded on first use, so that handlers that do not name it (and the page's first load) go without.
 */
export function ensurePythonBoto3Shim(pyodide: PyodideInterface): Promise<void> {
  const runtime = ensureRuntime(pyodide);
  runtime.boto3 ??= import('./python-boto3-shim.js').then((shim) => shim.installPythonBoto3Shim(pyodide));
  runtime.boto3.catch(() => {
    delete runtime.boto3;
  });
  return runtime.boto3;
}

function parseReply(reply: string, logs: string[]): InvokeOutcome {
  const body = reply.slice(1);
  if (reply.startsWith('E')) return { kind: 'error', error: JSON.parse(body) as LambdaErrorPayload, logs };
  try {
    return { kind: 'result', payload: JSON.parse(body) as unknown, payloadJson: body, logs };
  } catch {
    // bytes responses, or NaN/Infinity that Python's json emits: hand back the raw text.
    return { kind: 'result', payload: body, payloadJson: body, logs };
  }
}

function ensureRuntime(pyodide: PyodideInterface): RuntimeState {
  const existing = runtimes.get(pyodide);
  if (existing) return existing;
  const state = {} as RuntimeState;
  const push = (line: string): void => {
    // The runtime joins a multi-line error report with \r so it stays one CloudWatch event.
    state.sink?.push(line.replace(/\r/g, '\n'));
  };
  state.stdout = new LineWriter(push);
  state.stderr = new LineWriter(push);
  state.sink = null;
  pyodide.setStdout({ write: (buffer: Uint8Array) => state.stdout.write(buffer), isatty: false });
  pyodide.setStderr({ write: (buffer: Uint8Array) => state.stderr.write(buffer), isatty: false });
  pyodide.FS.mkdirTree('/var/runtime');
  pyodide.FS.writeFile(PYTHON_BOOTSTRAP_PATH, PYTHON_BOOTSTRAP_SOURCE);
  pyodide.runPython(
    [
      'import importlib.util, sys',
      `_spec = importlib.util.spec_from_file_location(${JSON.stringify(PYTHON_BOOTSTRAP_MODULE)}, ${JSON.stringify(PYTHON_BOOTSTRAP_PATH)})`,
      '_module = importlib.util.module_from_spec(_spec)',
      `sys.modules[${JSON.stringify(PYTHON_BOOTSTRAP_MODULE)}] = _module`,
      '_spec.loader.exec_module(_module)',
      'del _spec, _module',
    ].join('\n'),
  );
  state.bootstrap = pyodide.pyimport(PYTHON_BOOTSTRAP_MODULE) as BootstrapModule;
  runtimes.set(pyodide, state);
  return state;
}

/** Turns the bytes Pyodide writes to stdout/stderr into lines; `flush` emits a trailing partial line. */
class LineWriter {
  private readonly decoder = new TextDecoder();
  private pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  write(buffer: Uint8Array): number {
    this.pending += this.decoder.decode(buffer, { stream: true });
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.emit(this.pending.slice(0, newline));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    return buffer.length;
  }

  flush(): void {
    this.pending += this.decoder.decode();
    if (this.pending.length > 0) this.emit(this.pending);
    this.pending = '';
  }
}
