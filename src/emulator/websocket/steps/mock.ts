import type { WebSocketIntegration } from '../model.js';
import { evaluateSelectionExpression, parseSelectionExpression } from '../selection-expression.js';

/**
 * A MOCK integration of a WebSocket API: the request template chosen by the integration's template selection
 * expression (`$default` when none, or the only template) gives the status code (`{"statusCode": 200}`, as for REST
 * APIs' MOCK), the integration response is chosen by matching that status code against each key (`/2\d\d/`, a
 * regular expression between slashes; `$default` the catch-all), and its response template is the message sent
 * back. Templates are Velocity, rendered by the REST APIs' mapping template engine (velocityjs, loaded on first use)
 * with `$input` (the message), `$context`, `$stageVariables` and `$util`, as WebSocket APIs' data transformations
 * page says they share REST APIs' template language.
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

/** What a MOCK's templates see: the message, `$context` (dotted names: `identity.sourceIp`) and stage variables. */
export interface MockInput {
  message: string;
  context: Record<string, string>;
  stageVariables: Record<string, string>;
}

/** Runs a MOCK integration for `input.message` ('' for $connect). Throws when a template fails to render. */
export async function runMock(integration: WebSocketIntegration, input: MockInput): Promise<MockOutcome> {
  const { message } = input;
  const { renderMappingTemplate } = await import('../../rest/transformations.js');
  const render = (template: string, body: string): string =>
    renderMappingTemplate(template, {
      body,
      params: { path: {}, querystring: {}, header: {} },
      context: nested(input.context),
      stageVariables: input.stageVariables,
    }).output;
  const requestTemplate = chooseTemplate(
    integration.requestTemplates,
    integration.templateSelectionExpression,
    message,
    {},
  );
  const rendered = requestTemplate === undefined ? '' : render(requestTemplate, message);
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
    // A MOCK has no backend body: the response template's $input is empty.
    ...(template === undefined ? {} : { body: render(template, '') }),
  };
}

/** Dotted `$context` names as the nested map a template reads (`identity.sourceIp` → `{identity: {sourceIp}}`). */
function nested(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const parts = name.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[parts.at(-1)!] = value;
  }
  return out;
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
