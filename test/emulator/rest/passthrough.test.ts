import { describe, expect, it } from 'vitest';
import { chooseRequestTemplate, parsePassthroughBehavior } from '../../../src/emulator/rest/passthrough.js';

// https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
describe('passthrough behaviors, as the documented examples tabulate them', () => {
  const json = { 'application/json': 'JSON' };
  const xml = { 'application/xml': 'XML' };
  it.each([
    // Example 1: one template, for application/json.
    [json, null, 'WHEN_NO_MATCH', 'template'],
    [json, null, 'WHEN_NO_TEMPLATES', 'template'],
    [json, null, 'NEVER', 'template'],
    [json, 'application/json', 'NEVER', 'template'],
    [json, 'application/xml', 'WHEN_NO_MATCH', 'passthrough'],
    [json, 'application/xml', 'WHEN_NO_TEMPLATES', 'unsupported'],
    [json, 'application/xml', 'NEVER', 'unsupported'],
    // Example 2: one template, for application/xml.
    [xml, null, 'WHEN_NO_MATCH', 'passthrough'],
    [xml, null, 'WHEN_NO_TEMPLATES', 'unsupported'],
    [xml, 'application/json', 'NEVER', 'unsupported'],
    [xml, 'application/xml', 'NEVER', 'template'],
    // Example 3: no templates.
    [{}, 'application/json', 'WHEN_NO_MATCH', 'passthrough'],
    [{}, 'application/json', 'WHEN_NO_TEMPLATES', 'passthrough'],
    [{}, 'application/json', 'NEVER', 'unsupported'],
  ] as const)('templates %j, Content-Type %s, %s → %s', (templates, contentType, behavior, kind) => {
    expect(chooseRequestTemplate(templates, contentType, behavior).kind).toBe(kind);
  });

  it('matches the media type without parameters, case-insensitively', () => {
    expect(chooseRequestTemplate(json, 'Application/JSON; charset=utf-8', 'NEVER')).toEqual({
      kind: 'template',
      contentType: 'application/json',
      template: 'JSON',
    });
  });

  it('reads passthroughBehavior in any case, defaulting to WHEN_NO_MATCH', () => {
    expect(parsePassthroughBehavior('when_no_templates')).toBe('WHEN_NO_TEMPLATES');
    expect(parsePassthroughBehavior(undefined)).toBe('WHEN_NO_MATCH');
    expect(parsePassthroughBehavior('sometimes')).toBeNull();
  });
});
