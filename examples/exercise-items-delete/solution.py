import json

def lambda_handler(event, context):
    """
    Handles API Gateway requests for item management.
    Uses Lambda proxy integration format for input and output.
    """
    http_method = event['httpMethod']
    path = event['path']
    path_parameters = event.get('pathParameters', {})
    # queryStringParameters = event.get('queryStringParameters', {}) # Not used in this example
    body = event.get('body') # Body is a string, needs to be parsed if JSON

    print(f"Received event: {json.dumps(event, indent=2)}")

    response_body = {}
    status_code = 200

    # Basic routing based on path and HTTP method
    if path == '/items':
        if http_method == 'GET':
            # Simulate fetching all items from a DB
            items = [
                {"id": "1", "name": "Laptop", "description": "Powerful computing device"},
                {"id": "2", "name": "Mouse", "description": "Ergonomic computer mouse"}
            ]
            response_body = {"items": items}
        elif http_method == 'POST':
            try:
                item_data = json.loads(body)
                # Simulate saving new item to DB and assigning an ID
                new_item_id = "3" # In a real app, generate unique ID (e.g., UUID)
                item_data["id"] = new_item_id
                response_body = {"message": "Item created successfully", "item": item_data}
                status_code = 201 # Created
            except (json.JSONDecodeError, TypeError):
                response_body = {"message": "Invalid JSON in request body"}
                status_code = 400 # Bad Request
        else:
            status_code = 405 # Method Not Allowed

    elif path.startswith('/items/'): # Catches paths like /items/1, /items/abc
        item_id = path_parameters.get('id')
        if http_method == 'GET':
            # Simulate fetching item by ID from DB
            if item_id == "1":
                response_body = {"id": "1", "name": "Laptop", "description": "Powerful computing device"}
            elif item_id == "2":
                response_body = {"id": "2", "name": "Mouse", "description": "Ergonomic computer mouse"}
            else:
                response_body = {"message": f"Item with ID '{item_id}' not found"}
                status_code = 404 # Not Found
        elif http_method == 'DELETE':
            # Simulate deleting the item from a DB: 204 No Content, an empty body
            if item_id in ("1", "2"):
                return {
                    'statusCode': 204,
                    'headers': {'Access-Control-Allow-Origin': '*'},
                    'body': '',
                }
            response_body = {"message": f"Item with ID '{item_id}' not found"}
            status_code = 404 # Not Found
        else:
            status_code = 405 # Method Not Allowed
    else:
        status_code = 404 # Not Found
        response_body = {"message": "Resource not found"}

    # Return response in API Gateway proxy integration format
    return {
        'statusCode': status_code,
        'headers': {
            'Content-Type': 'application/json',
            'Access-Control-Allow-Origin': '*', # Important for CORS if clients are on different domains
            'Access-Control-Allow-Headers': 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token',
            'Access-Control-Allow-Methods': 'OPTIONS,POST,GET,PUT,DELETE',
        },
        'body': json.dumps(response_body) # Body must be a JSON string
    }
