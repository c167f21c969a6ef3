import json


def lambda_handler(event, context):
    """Greets the name in the query string (?name=alice), or the world, in JSON."""
    query = event.get('queryStringParameters') or {}
    name = query.get('name') or 'world'
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps({'message': f'Hello, {name}!'}),
    }
