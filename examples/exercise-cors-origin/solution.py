import json

ALLOWED_ORIGIN = 'https://app.example.com'


def lambda_handler(event, context):
    """Answers the profile, with CORS headers for the one allowed origin only."""
    request_headers = event.get('headers') or {}
    origin = next((value for name, value in request_headers.items() if name.lower() == 'origin'), None)
    headers = {'Content-Type': 'application/json'}
    if origin == ALLOWED_ORIGIN:
        headers['Access-Control-Allow-Origin'] = ALLOWED_ORIGIN
        headers['Vary'] = 'Origin'
    return {
        'statusCode': 200,
        'headers': headers,
        'body': json.dumps({'name': 'alice', 'plan': 'free'}),
    }
