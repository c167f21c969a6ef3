import json

# Features only REST APIs have (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html).
REST_ONLY = {'caching', 'usage-plans', 'waf', 'request-validation', 'sdk-generation', 'private-endpoint'}


def lambda_handler(event, context):
    """Which API type to create for the features asked for: WEBSOCKET, REST, or the cheaper HTTP."""
    text = (event.get('queryStringParameters') or {}).get('features', '')
    features = {f.strip() for f in text.split(',') if f.strip()}
    if 'two-way' in features:
        api_type = 'WEBSOCKET'
    elif features & REST_ONLY:
        api_type = 'REST'
    else:
        api_type = 'HTTP'
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps({'apiType': api_type}),
    }
