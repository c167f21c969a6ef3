import json


def lambda_handler(event, context):
    """Answers the resource template, the pet's id and the stage; 400 when the id is not a number."""
    pet_id = (event.get('pathParameters') or {}).get('petId', '')
    if not pet_id.isdigit():
        status, body = 400, {'message': 'petId must be a number'}
    else:
        status, body = 200, {
            'resource': event['resource'],
            'petId': pet_id,
            'stage': event['requestContext']['stage'],
        }
    return {'statusCode': status, 'headers': {'Content-Type': 'application/json'}, 'body': json.dumps(body)}
