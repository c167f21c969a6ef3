import json

# The items of the guide's walkthrough, per table (a stage variable names the table).
TABLES = {
    "items-dev": {
        "1": {"id": "1", "name": "Laptop", "description": "Powerful computing device"},
        "2": {"id": "2", "name": "Mouse", "description": "Ergonomic computer mouse"},
    },
    "items-prod": {
        "1": {"id": "1", "name": "Laptop", "description": "Powerful computing device"},
    },
}


def lambda_handler(event, context):
    """
    A Lambda custom integration: the event is whatever the request template built,
    and the return value goes through the integration response, not straight to the client.
    """
    print(f"Received event: {json.dumps(event)}")
    table = TABLES.get(event["table"], {})
    item = table.get(event["id"])
    if item is None:
        # The error message is what the integration response's selectionPattern matches.
        raise Exception(f"Not found: no item {event['id']} in {event['table']}")
    return {"item": item, "table": event["table"]}
