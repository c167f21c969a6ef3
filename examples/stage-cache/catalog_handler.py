import json

# The catalog the function serves. Every answer says which caller it was made for (the X-Caller header of the
# request that reached the function), so a response that API Gateway serves from its stage cache shows itself:
# it names the caller whose request filled the cache, not the one who asked.
ITEMS = {
    "1": {"id": "1", "name": "Laptop", "description": "Powerful computing device"},
    "2": {"id": "2", "name": "Mouse", "description": "Ergonomic computer mouse"},
}


def lambda_handler(event, context):
    headers = event.get("headers") or {}
    caller = headers.get("X-Caller", "anonymous")
    if event["httpMethod"] == "POST":
        item = json.loads(event.get("body") or "{}")
        item["id"] = "3"
        return respond(201, {"item": item, "madeFor": caller})
    item = ITEMS.get((event.get("pathParameters") or {}).get("id"))
    if item is None:
        return respond(404, {"message": "Item not found", "madeFor": caller})
    return respond(200, {"item": item, "madeFor": caller})


def respond(status, body):
    return {"statusCode": status, "headers": {"Content-Type": "application/json"}, "body": json.dumps(body)}
