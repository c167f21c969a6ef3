import type { GatewayTrace } from '../emulator/shared/trace.js';

/**
 * API Gateway's CLF access-log format:
 * `$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol"
 *  $context.status $context.responseLength $context.requestId`
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * `resourcePath` is the matched resource, or the raw request path when none matched.
 */
export function formatAccessLogLine(
  trace: Pick<
    GatewayTrace,
    'sourceIp' | 'requestTime' | 'httpMethod' | 'resourcePath' | 'protocol' | 'status' | 'responseLength' | 'requestId'
  >,
  rawPath: string,
): string {
  return `${trace.sourceIp} - - [${trace.requestTime}] "${trace.httpMethod} ${trace.resourcePath ?? rawPath} ${trace.protocol}" ${trace.status} ${trace.responseLength} ${trace.requestId}`;
}

export interface LineWriter {
  write(line: string): void;
  /** Writes what is pending now. */
  flush(): void;
}

/**
 * Collects lines and writes them in one `write` per turn of the event loop, so a busy server
 * makes one system call per batch rather than one per request.
 */
export function batchedLineWriter(stream: { write(chunk: string): unknown }): LineWriter {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!pending) return;
    const out = pending;
    pending = '';
    stream.write(out);
  };
  return {
    write(line) {
      pending += `${line}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
