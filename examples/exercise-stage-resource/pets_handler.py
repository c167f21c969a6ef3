import json


def lambda_handler(event, context):
    """
    Exercise: GET /pets/{petId} on the stage dev. Answer the resource, the path parameter and the stage,
    and 400 when petId is not a number.
    """
    # Today: only the path the request was sent to.
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps({'path': event['path']}),
    }
