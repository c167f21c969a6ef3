/** The bundle's README.md: what is in it, how to deploy it, how to run it locally, what it does not create. */
import type { TemplateFunction } from './template.js';

export interface ReadmeInput {
  title: string;
  kind: 'REST' | 'HTTP' | 'WEBSOCKET';
  stageName: string;
  stackName: string;
  functions: TemplateFunction[];
  notCreated: string[];
  /** TypeScript functions, compiled to `.mjs` (their `.ts` source kept beside). */
  compiled: string[];
}

const KIND_NAMES = { REST: 'REST API', HTTP: 'HTTP API', WEBSOCKET: 'WebSocket API' } as const;

export function readmeMarkdown(input: ReadmeInput): string {
  const ws = input.kind === 'WEBSOCKET';
  const lines = [
    `# ${input.title}`,
    '',
    `A SAM project exported by API Gateway Lab: the ${KIND_NAMES[input.kind]} (stage \`${input.stageName}\`)` +
      (input.functions.length ? ' and its Lambda functions.' : '.'),
    '',
    (ws
      ? '- `template.yaml`: the API as `AWS::ApiGatewayV2::*` resources (SAM has no WebSocket API type): the `Api`, ' +
        'its `Route`s, `RouteResponse`s, `Integration`s, `IntegrationResponse`s and `Authorizer`s, a `Deployment` and ' +
        'the `Stage`'
      : '- `template.yaml`: the API (its OpenAPI definition as API Gateway exports it, inline as `DefinitionBody`)') +
      (input.functions.length
        ? ', one `AWS::Serverless::Function` per function and the permission API Gateway needs to invoke it'
        : ''),
    ...input.functions.map(
      (f) => `- \`${f.codeUri}\`: the function \`${f.name}\` (\`${f.runtime}\`, handler \`${f.handler}\`)`,
    ),
    `- \`samconfig.toml\`: the stack name (\`${input.stackName}\`), region and deploy options`,
    '',
    '## Deploy to AWS',
    '',
    '```sh',
    'sam build && sam deploy --guided',
    '```',
    '',
    ws
      ? "The stack prints the stage's WebSocket URL (output `WebSocketURI`). Connect with `wscat -c <WebSocketURI>` " +
        '(npm: `wscat`), then send a frame such as `{"action":"sendmessage","message":"hi"}`. `sam delete` removes it.'
      : "The stack prints the stage's invoke URL (output `InvokeUrl`). `sam delete` removes it.",
    '',
    ...(ws
      ? [
          // L: every function of a WebSocket API gets the policy (whether one posts back cannot be read from its code).
          'Each function may post to, read and close the connections of this API (`execute-api:ManageConnections` ' +
            'on its `@connections` API, in its `Policies`): a WebSocket API replies to clients through it. ' +
            'Every function of the API gets it, whether or not its code posts back.',
          '',
        ]
      : []),
    '## Run it locally',
    '',
    '```sh',
    'apigw-lab serve template.yaml',
    '```',
    '',
  ];
  if (input.compiled.length) {
    lines.push(
      '## TypeScript',
      '',
      `${input.compiled.map((n) => `\`${n}\``).join(', ')}: Lambda runs the compiled \`.mjs\` (types stripped, nothing else changed); ` +
        'the `.ts` source is beside it. After editing the `.ts`, export again (or compile it yourself: `npx sucrase` or ' +
        '`npx esbuild`) before `sam build`.',
      '',
    );
  }
  if (input.notCreated.length || ws) lines.push('## Not created by this template', '');
  if (input.notCreated.length) {
    lines.push(
      'The API refers to these; a real deployment needs them (create them, then put their ARNs in `template.yaml`):',
      '',
      ...input.notCreated.map((line) => `- ${line}`),
      '',
    );
  }
  if (ws) {
    lines.push(
      '- A store of connection ids. Lambda runs a function in many execution environments and recycles them, so a ' +
        "function that keeps who is connected in memory forgets some on AWS; AWS's chat sample " +
        '(aws-samples/simple-websockets-chat-app) keeps them in a DynamoDB table, which you add to the template.',
      '- A custom domain name, access logging and route throttling of the stage (the template sets none).',
      '',
    );
  }
  return lines.join('\n');
}
