/**
 * `apigw-lab`: the command line. Bundled to lib/cli.mjs by scripts/build.mjs; bin/apigw-lab.mjs runs it.
 * User problems (flags, files, definitions, a busy port) exit 2 with one message and no stack trace;
 * failures at run time exit 1.
 */
import { version } from '../../package.json';
import { EXPORT_USAGE, MAIN_USAGE, SERVE_USAGE, parseCommandLine } from './args.js';
import { CliError, EXIT_RUNTIME, firstLine } from './errors.js';
import { runExport } from './export.js';
import { LOAD_USAGE, runLoadCommand } from './load.js';
import { serve, type Output } from './serve.js';
import { TOKEN_USAGE, runToken } from './user-pool.js';
import { SIGN_USAGE, runSign } from './sign.js';
import { SDK_USAGE, runSdk } from './sdk.js';

const DEBUG = Boolean(process.env.APIGW_LAB_DEBUG);

const output: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Prints an error as `apigw-lab: error: …` (plus a hint line) and sets the exit code. */
function report(error: unknown): number {
  if (error instanceof CliError) {
    output.err(`apigw-lab: error: ${error.message}\n`);
    if (error.hint) output.err(`(${error.hint})\n`);
    return error.exitCode;
  }
  output.err(`apigw-lab: error: ${firstLine(error)}\n`);
  if (DEBUG && error instanceof Error && error.stack) output.err(`${error.stack}\n`);
  else output.err('(set APIGW_LAB_DEBUG=1 for details)\n');
  return EXIT_RUNTIME;
}

export async function main(argv: readonly string[]): Promise<void> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    process.exitCode = report(error);
    return;
  }
  if (command.kind === 'help') {
    output.out(
      command.topic === 'serve'
        ? SERVE_USAGE
        : command.topic === 'export'
          ? EXPORT_USAGE
          : command.topic === 'token'
            ? TOKEN_USAGE
            : command.topic === 'sign'
              ? SIGN_USAGE
              : command.topic === 'load'
                ? LOAD_USAGE
                : command.topic === 'sdk'
                  ? SDK_USAGE
                  : MAIN_USAGE,
    );
    return;
  }
  if (command.kind === 'export') {
    try {
      await runExport(command.options, output);
    } catch (error) {
      process.exitCode = report(error);
    }
    return;
  }
  if (command.kind === 'token') {
    try {
      await runToken(command.options, output);
    } catch (error) {
      process.exitCode = report(error);
    }
    return;
  }
  if (command.kind === 'sign') {
    try {
      await runSign(command.options, output);
    } catch (error) {
      process.exitCode = report(error);
    }
    return;
  }
  if (command.kind === 'load') {
    try {
      await runLoadCommand(command.options, output);
    } catch (error) {
      process.exitCode = report(error);
    }
    return;
  }
  if (command.kind === 'sdk') {
    try {
      await runSdk(command.options, output);
    } catch (error) {
      process.exitCode = report(error);
    }
    return;
  }
  if (command.kind === 'version') {
    output.out(`apigw-lab ${version}\n`);
    return;
  }

  let running;
  try {
    running = await serve(command.options, output);
  } catch (error) {
    const code = report(error);
    // Worker threads or sockets may still be winding down: leave now.
    process.exit(code);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C: do not wait for busy connections.
      process.exit(130);
    }
    stopping = true;
    output.err(`\napigw-lab: ${signal}: stopping\n`);
    const forced = setTimeout(() => process.exit(1), 5_000);
    forced.unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        output.err(`apigw-lab: error while stopping: ${firstLine(error)}\n`);
        process.exit(EXIT_RUNTIME);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// A closed stdout (e.g. piped into `head`) must not stop the server.
process.stdout.on('error', () => {});

process.on('uncaughtException', (error) => {
  process.exit(report(error));
});
process.on('unhandledRejection', (error) => {
  process.exit(report(error));
});

await main(process.argv.slice(2));
