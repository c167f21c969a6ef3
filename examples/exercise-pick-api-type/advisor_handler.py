import json

# Features only REST APIs have (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html).
REST_ONLY = {'caching', 'usage-plans', 'waf', 'request-validation', 'sdk-generation', 'private-endpoint'}


def lambda_handler(event, context):
    """
    Exercise: GET /api-type?features=caching,jwt answers which API type to create: WEBSOCKET for two-way,
    REST for a REST-only feature, HTTP otherwise.
    """
    # Today: REST, whatever the features.
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps({'apiType': 'REST'}),
    }
