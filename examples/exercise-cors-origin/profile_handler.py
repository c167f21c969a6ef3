import json

ALLOWED_ORIGIN = 'https://app.example.com'


def lambda_handler(event, context):
    """
    Exercise: the web app at https://app.example.com calls GET /profile from the browser. With a Lambda proxy
    integration, the CORS headers of this answer are the function's to write.
    """
    headers = {'Content-Type': 'application/json'}
    # Today no CORS header: the browser hides the answer from the app.
    return {
        'statusCode': 200,
        'headers': headers,
        'body': json.dumps({'name': 'alice', 'plan': 'free'}),
    }
