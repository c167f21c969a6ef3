import { describe, expect, it } from 'vitest';
import { identityWithApiKey } from '../../../../src/emulator/rest/api-keys/identity.js';
import { payloadV1Identity } from '../../../../src/emulator/shared/payload-v1-identity.js';

describe('identityWithApiKey (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html)', () => {
  it('adds apiKey and apiKeyId to the identity, in its alphabetical order, without touching the original', () => {
    const anonymous = payloadV1Identity('203.0.113.7', 'curl/8.5.0');
    const withKey = identityWithApiKey(anonymous, { id: 'k1', value: 'key-value-0123456789' }) as unknown as Record<
      string,
      unknown
    >;
    expect(Object.keys(withKey)).toEqual([
      'accessKey',
      'accountId',
      'apiKey',
      'apiKeyId',
      'caller',
      'cognitoAuthenticationProvider',
      'cognitoAuthenticationType',
      'cognitoIdentityId',
      'cognitoIdentityPoolId',
      'principalOrgId',
      'sourceIp',
      'user',
      'userAgent',
      'userArn',
    ]);
    expect(withKey.apiKey).toBe('key-value-0123456789');
    expect(withKey.apiKeyId).toBe('k1');
    expect(withKey.sourceIp).toBe('203.0.113.7');
    expect('apiKey' in anonymous).toBe(false);
  });
});
