import base64
import json


def lambda_handler(event, context):
    """POST /files counts the bytes it was sent; GET /files/{name} returns a file's bytes, base64-encoded."""
    if event['httpMethod'] == 'POST':
        body = event.get('body') or ''
        # API Gateway base64-encodes a request body whose Content-Type is one of the API's binary media types.
        data = base64.b64decode(body) if event.get('isBase64Encoded') else body.encode('utf-8')
        return {
            'statusCode': 201,
            'headers': {'Content-Type': 'application/json'},
            'body': json.dumps({'bytes': len(data), 'isBase64Encoded': event.get('isBase64Encoded')}),
        }

    name = event['pathParameters']['name']
    data = f'Contents of {name}\n'.encode('utf-8')
    # A binary response is returned base64-encoded, with isBase64Encoded; API Gateway decodes it for the client.
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/octet-stream'},
        'body': base64.b64encode(data).decode('ascii'),
        'isBase64Encoded': True,
    }
