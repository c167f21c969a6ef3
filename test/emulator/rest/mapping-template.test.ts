import { describe, expect, it } from 'vitest';
import {
  base64Decode,
  base64Encode,
  escapeJavaScript,
  InvalidJsonBodyError,
  renderMappingTemplate,
  urlDecode,
  urlEncode,
  type TemplateVariables,
} from '../../../src/emulator/rest/mapping-template.js';
import { evaluateJsonPath, JsonPathError } from '../../../src/emulator/rest/json-path.js';

const REF = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html';

function vars(body: string, extra: Partial<TemplateVariables> = {}): TemplateVariables {
  return {
    body,
    params: {
      path: { id: 'abc' },
      querystring: { name: 'Marco', id: 'from-query' },
      header: { 'Content-Type': 'application/json', name: 'from-header' },
    },
    context: {
      requestId: 'req-1',
      stage: 'dev',
      httpMethod: 'POST',
      resourcePath: '/things/{id}',
      identity: { sourceIp: '192.0.2.1', apiKey: null },
    },
    stageVariables: { env: 'test' },
    ...extra,
  };
}
const render = (template: string, v: TemplateVariables = vars('')) => renderMappingTemplate(template, v).output;

describe(`$input (${REF}#input-variable-reference)`, () => {
  it('renders the documented "Example Request and Response Using $input" exactly', () => {
    const template = `{
    "id" : "$input.params('id')",
    "count" : "$input.path('$.things').size()",
    "things" : $input.json('$.things')
}`;
    const out = render(
      template,
      vars('{\n    "things" : {\n        "1" : {},\n        "2" : {},\n        "3" : {}\n    }\n}'),
    );
    expect(out).toBe('{\n    "id" : "abc",\n    "count" : "3",\n    "things" : {"1":{},"2":{},"3":{}}\n}');
    expect(JSON.parse(out)).toEqual({ id: 'abc', count: '3', things: { 1: {}, 2: {}, 3: {} } });
  });

  it('$input.body is the raw payload; $input.json returns compact JSON text; $input.path returns a value for VTL', () => {
    const body =
      '{ "pets": [ {"id": 1, "type": "dog", "price": 249.99}, {"id": 2, "type": "cat", "price": 124.99}, {"id": 3, "type": "fish", "price": 0.99} ] }';
    expect(render('$input.body', vars(body))).toBe(body);
    expect(render("$input.json('$.pets[0]')", vars(body))).toBe('{"id":1,"type":"dog","price":249.99}');
    expect(render("$input.json('$.pets[1].type')", vars(body))).toBe('"cat"');
    expect(render("$input.path('$.pets').size()", vars(body))).toBe('3');
    expect(render("#set($p = $input.path('$.pets[2]'))$p.type costs $p.price", vars(body))).toBe('fish costs 0.99');
    expect(render("#foreach($pet in $input.path('$.pets'))$pet.id#if($foreach.hasNext),#end#end", vars(body))).toBe(
      '1,2,3',
    );
  });

  it('$input.path values print as Jayway/json-smart values: maps Java-style, arrays as JSON text', () => {
    const body = '{"a": 1, "b": [{"c": 5}], "d": {"e": "x"}}';
    expect(render("$input.path('$')", vars(body))).toBe('{a=1, b=[{"c":5}], d={e=x}}');
    expect(render("$input.path('$.b')", vars(body))).toBe('[{"c":5}]');
    expect(render("$input.path('$.d')", vars(body))).toBe('{e=x}');
    expect(render("#foreach($x in $input.path('$.b'))$x.c#end", vars(body))).toBe('5');
  });

  it("$input.json('$') and $input.path('$') of an empty body are {}", () => {
    expect(render("$input.json('$')", vars(''))).toBe('{}');
    expect(render("$input.path('$').size()", vars(''))).toBe('0');
  });

  it('a body that is not JSON fails $input.json with "Could not parse request body into json"', () => {
    expect(() => render("$input.json('$')", vars('not json'))).toThrow(InvalidJsonBodyError);
    expect(() => render("$input.json('$')", vars('not json'))).toThrow(/^Could not parse request body into json: /);
    // $input.body alone never parses.
    expect(render('$input.body', vars('not json'))).toBe('not json');
  });

  it('$input.params(x) searches path, then query string, then header, and is "" when absent', () => {
    expect(render("$input.params('id')")).toBe('abc');
    expect(render("$input.params('name')")).toBe('Marco');
    expect(render("$input.params('Content-Type')")).toBe('application/json');
    expect(render("[$input.params('nothing')]")).toBe('[]');
  });

  it('$input.params() is the map of path, querystring and header maps (the documented parameter-mapping template)', () => {
    const template = `#set($allParams = $input.params())
{
"params" : {
#foreach($type in $allParams.keySet())
#set($params = $allParams.get($type))
"$type" : {
#foreach($paramName in $params.keySet())
"$paramName" : "$util.escapeJavaScript($params.get($paramName))"
#if($foreach.hasNext),#end
#end
}
#if($foreach.hasNext),#end
#end
}
}`;
    expect(JSON.parse(render(template))).toEqual({
      params: {
        path: { id: 'abc' },
        querystring: { name: 'Marco', id: 'from-query' },
        header: { 'Content-Type': 'application/json', name: 'from-header' },
      },
    });
  });
});

describe('$context, $stageVariables and references to nothing', () => {
  it('renders $context values and $stageVariables (dot and bracket forms)', () => {
    expect(
      render('$context.requestId $context.stage $context.httpMethod $context.resourcePath $context.identity.sourceIp'),
    ).toBe('req-1 dev POST /things/{id} 192.0.2.1');
    expect(render("$stageVariables.env $stageVariables['env'] ${stageVariables['env']}")).toBe('test test test');
  });

  it('renders null and undefined references as empty strings, not as their text', () => {
    expect(
      render("[$context.identity.apiKey][$stageVariables.missing][$nothing][$input.path('$.none')]", vars('{}')),
    ).toBe('[][][][]');
  });

  it('collects $context.requestOverride and $context.responseOverride (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html)', () => {
    const r = renderMappingTemplate(
      '#set($context.requestOverride.header.X-Trace = "t1")#set($context.requestOverride.querystring.q = "x")#set($context.responseOverride.status = 400)#set($context.responseOverride.header.X-Why = "bad")ok',
      vars(''),
    );
    expect(r.output).toBe('ok');
    expect(r.requestOverride).toEqual({ header: { 'X-Trace': 't1' }, querystring: { q: 'x' }, path: {} });
    expect(r.responseOverride).toEqual({ status: 400, header: { 'X-Why': 'bad' } });
    expect(
      renderMappingTemplate('#set($context.responseOverride.status = "teapot")', vars('')).responseOverride.status,
    ).toBeNull();
  });

  it('hands the override maps, extra keys included, to a later template through `overrides`', () => {
    const first = renderMappingTemplate(
      '#set($context.responseOverride.status = 444)#set($context.responseOverride.custom = "kept")#set($context.requestOverride.path.p = "v")',
      vars(''),
    );
    const second = renderMappingTemplate(
      '$context.responseOverride.custom $context.requestOverride.path.p $context.responseOverride.status',
      vars('', { overrides: first.overrides }),
    );
    expect(second.output).toBe('kept v 444');
    expect(second.responseOverride.status).toBe(444);
    // The earlier template's maps are copied, not shared.
    renderMappingTemplate(
      '#set($context.responseOverride.custom = "changed")',
      vars('', { overrides: first.overrides }),
    );
    expect(first.overrides.responseOverride.custom).toBe('kept');
  });

  it('== and != compare as Velocity does: nothing equals $null and "", other types by their text, lists and maps by their printed form', () => {
    const cmp = (a: string, b: string, body = '{"n": 200, "s": "200", "list": [], "map": {"a": 1}, "nul": null}') =>
      render(`#set($a = ${a})#set($b = ${b})#if($a == $b)eq#{else}ne#end#if($a != $b)-ne#end`, vars(body));
    expect(cmp(`$input.path('$.missing')`, '$null')).toBe('eq');
    expect(cmp(`$input.path('$.missing')`, '""')).toBe('eq');
    expect(cmp(`$input.path('$.nul')`, '""')).toBe('eq');
    expect(cmp(`$input.path('$.list')`, '""')).toBe('ne-ne');
    expect(cmp(`$input.path('$.list')`, '$null')).toBe('ne-ne');
    expect(cmp(`$input.path('$.n')`, `$input.path('$.s')`)).toBe('eq');
    expect(cmp(`$input.path('$.map')`, '"{a=1}"')).toBe('eq');
    expect(cmp('true', '"true"')).toBe('eq');
    expect(cmp('false', '0')).toBe('ne-ne');
  });

  it('$input.body of an empty payload is {} (test_input_body_formatting), and the payload itself otherwise', () => {
    expect(render('[$input.body]', vars(''))).toBe('[{}]');
    expect(render('[$input.body]', vars(' '))).toBe('[ ]');
  });
});

describe(`$util (${REF}#util-template-reference)`, () => {
  it("escapeJavaScript escapes quotes, backslashes, slashes, control and non-ASCII characters; the documented replaceAll undoes \\'", () => {
    expect(escapeJavaScript(`it's "x"\\/\n\t`)).toBe(`it\\'s \\"x\\"\\\\\\/\\n\\t`);
    expect(escapeJavaScript('é€\u0001')).toBe('\\u00E9\\u20AC\\u0001');
    expect(render(`$util.escapeJavaScript("it's").replaceAll("\\\\'","'")`)).toBe("it's");
  });

  it('parseJson gives an object to navigate (the documented errorMessage example)', () => {
    const body = '{"errorMessage":"{\\"key1\\":\\"var1\\",\\"key2\\":{\\"arr\\":[1,2,3]}}"}';
    const template = `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
{
   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]
}`;
    expect(JSON.parse(render(template, vars(body)))).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it('urlEncode/urlDecode follow application/x-www-form-urlencoded (Java URLEncoder)', () => {
    expect(urlEncode('a b&c=d/é*-._~')).toBe('a+b%26c%3Dd%2F%C3%A9*-._%7E');
    expect(urlDecode('a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
    expect(render('$util.urlEncode("x y")')).toBe('x+y');
  });

  it('base64Encode/base64Decode work on UTF-8', () => {
    expect(base64Encode('héllo')).toBe('aMOpbGxv');
    expect(base64Decode('aMOpbGxv')).toBe('héllo');
    expect(render('$util.base64Decode($util.base64Encode("round trip"))')).toBe('round trip');
  });
});

describe('Java String methods on template values', () => {
  it('length, contains, equals, matches, replace, split, toUpperCase, substring', () => {
    const t =
      '#set($s = "a-b-c")$s.length() $s.contains("b") $s.equals("a-b-c") $s.matches("[a-c-]+") $s.replace("-", "+") $s.split("-").size() $s.toUpperCase() $s.substring(2)';
    expect(render(t)).toBe('5 true true true a+b+c 3 A-B-C b-c');
  });
});

describe('JSONPath subset', () => {
  const doc = { a: { b: [10, 20, { c: 'x' }] }, 'odd key': 1 };
  it.each([
    ['$', doc],
    ['$.a.b[0]', 10],
    ['$.a.b[-1].c', 'x'],
    ["$['odd key']", 1],
    ['$.a.b[*]', [10, 20, { c: 'x' }]],
    ['$.missing', undefined],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(doc, path)).toEqual(expected);
  });
  it('refuses what it cannot read', () => {
    expect(() => evaluateJsonPath(doc, '$..b')).toThrow(JsonPathError);
    expect(() => evaluateJsonPath(doc, 'a.b')).toThrow(JsonPathError);
  });
});
