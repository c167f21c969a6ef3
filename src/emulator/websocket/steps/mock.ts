import type { WebSocketIntegration } from '../model.js';
import { evaluateSelectionExpression, parseSelectionExpression } from '../selection-expression.js';

/**
 * A MOCK integration of a WebSocket API: the request template chosen by the integration's template selection
 * expression (`$default` when none, or the only template) gives the status code (`{"statusCode": 200}`, as for REST
 * APIs' MOCK), the integration response is chosen by matching that status code against each key (`/2\d\d/`, a
 * regular expression between slashes; `$default` the catch-all), and its response template is the message sent
 * back. Templates are taken as static text with `$context.*` variables substituted (no VTL directives: assumed
 * enough for mocks; the emulator has no WebSocket VTL engine).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
 */
export interface MockOutcome {
  statusCode: number;
  /** The rendered response template; undefined when no integration response or template applies. */
  body?: string;
  /** The integration response key that was chosen. */
  responseKey?: string;
}

/** Runs a MOCK integration for `message` (the message body; '' for $connect). */
export function runMock(
  integration: WebSocketIntegration,
  message: string,
  context: Record<string, string>,
): MockOutcome {
  const requestTemplate = chooseTemplate(
    integration.requestTemplates,
    integration.templateSelectionExpression,
    message,
    {},
  );
  const rendered = requestTemplate === undefined ? '' : substitute(requestTemplate, context);
  let statusCode = 200;
  try {
    const parsed = JSON.parse(rendered) as { statusCode?: unknown };
    if (typeof parsed.statusCode === 'number') statusCode = parsed.statusCode;
  } catch {
    // a template that is not JSON leaves the default status (assumed)
  }
  const status = String(statusCode);
  const response =
    integration.responses.find(
      (r) =>
        r.key.length > 2 &&
        r.key.startsWith('/') &&
        r.key.endsWith('/') &&
        new RegExp(`^(?:${r.key.slice(1, -1)})$`).test(status),
    ) ?? integration.responses.find((r) => r.key === '$default');
  if (!response) return { statusCode };
  const template = chooseTemplate(response.templates, response.templateSelectionExpression, message, {
    'integration.response.statuscode': status,
  });
  return {
    statusCode,
    responseKey: response.key,
    ...(template === undefined ? {} : { body: substitute(template, context) }),
  };
}

/** The template a selection expression picks: its value's, else `$default`'s, else the only one. */
function chooseTemplate(
  templates: Record<string, string>,
  expression: string | undefined,
  message: string,
  variables: Record<string, string>,
): string | undefined {
  let key: string | undefined;
  if (expression !== undefined) {
    const resolved = expression.replace(
      /\$\{(integration\.response\.statuscode)\}/g,
      (_, name: string) => variables[name] ?? '',
    );
    try {
      key = evaluateSelectionExpression(parseSelectionExpression(resolved), message);
    } catch {
      key = resolved;
    }
  }
  if (key !== undefined && templates[key] !== undefined) return templates[key];
  if (templates.$default !== undefined) return templates.$default;
  const values = Object.values(templates);
  return values.length === 1 ? values[0] : undefined;
}

/** `$context.name` and `${context.name}` replaced by their values ("" when unknown). */
function substitute(template: string, context: Record<string, string>): string {
  return template.replace(
    /\$\{context\.([\w.]+)\}|\$context\.([\w.]*\w)/g,
    (_, a?: string, b?: string) => context[(a ?? b)!] ?? '',
  );
}
