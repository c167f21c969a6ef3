/** The bundle's README.md: what is in it, how to deploy it, how to run it locally, what it does not create. */
import type { TemplateFunction } from './template.js';

export interface ReadmeInput {
  title: string;
  kind: 'REST' | 'HTTP';
  stageName: string;
  stackName: string;
  functions: TemplateFunction[];
  notCreated: string[];
  /** TypeScript functions, compiled to `.mjs` (their `.ts` source kept beside). */
  compiled: string[];
}

export function readmeMarkdown(input: ReadmeInput): string {
  const lines = [
    `# ${input.title}`,
    '',
    `A SAM project exported by API Gateway Lab: the ${input.kind === 'REST' ? 'REST API' : 'HTTP API'} (stage \`${input.stageName}\`)` +
      (input.functions.length ? ' and its Lambda functions.' : '.'),
    '',
    '- `template.yaml`: the API (its OpenAPI definition as API Gateway exports it, inline as `DefinitionBody`)' +
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
    "The stack prints the stage's invoke URL (output `InvokeUrl`). `sam delete` removes it.",
    '',
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
  if (input.notCreated.length) {
    lines.push(
      '## Not created by this template',
      '',
      'The API refers to these; a real deployment needs them (create them, then put their ARNs in `template.yaml`):',
      '',
      ...input.notCreated.map((line) => `- ${line}`),
      '',
    );
  }
  return lines.join('\n');
}
