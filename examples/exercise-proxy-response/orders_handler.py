import json


def lambda_handler(event, context):
    """
    Exercise: POST /orders through a Lambda proxy integration. Answer 201 with a Location header and the order,
    in the proxy's output format, and 400 when the body is not JSON.
    """
    order = json.loads(event['body'])
    # Today: the order itself, which is not the proxy integration's output format.
    return {'id': '1001', 'item': order.get('item')}
