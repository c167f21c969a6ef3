"""
The chat of AWS's WebSocket tutorial (aws-samples/simple-websockets-chat-app), one function for every route of a
WebSocket API whose route selection expression is $request.body.action:
- $connect: joins as ?name=alice (refused with 400 without a name);
- sendmessage: {"action":"sendmessage","message":"hi"} reaches every other client as {"from":"alice","message":"hi"},
  posted through the @connections API;
- $default (a two-way route): answers the caller with a help text, which API Gateway sends back as the route response;
- $disconnect: leaves (best effort: API Gateway may not call it).
chat_handler.ts does the same, frame for frame.
"""
import json
import os

import boto3
from botocore.exceptions import ClientError

# Who is connected, by connection id. On AWS this is a DynamoDB table (Lambda runs many execution environments and
# recycles them); the lab runs the function in one execution environment, so module memory is enough.
names = {}

HELP = json.dumps(
    {"message": 'Send {"action":"sendmessage","message":"..."} to talk to everyone else.'},
    separators=(",", ":"),
)

_client = None


def management_api(domain, stage):
    """The @connections API of the stage the event came through (created once per execution environment)."""
    global _client
    if _client is None:
        endpoint = os.environ.get("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI") or f"https://{domain}/{stage}"
        _client = boto3.client("apigatewaymanagementapi", endpoint_url=endpoint)
    return _client


def lambda_handler(event, context):
    request_context = event["requestContext"]
    route_key = request_context["routeKey"]
    connection_id = request_context["connectionId"]

    if route_key == "$connect":
        name = ((event.get("queryStringParameters") or {}).get("name") or "").strip()
        if not name:
            return {"statusCode": 400, "body": "Connect with a name: ?name=alice"}
        names[connection_id] = name
        print(f"{name} joined ({connection_id})")
        return {"statusCode": 200}

    if route_key == "$disconnect":
        print(f"{names.get(connection_id, connection_id)} left")
        names.pop(connection_id, None)
        return {"statusCode": 200}

    if route_key == "sendmessage":
        message = json.loads(event.get("body") or "{}").get("message")
        data = json.dumps(
            {"from": names.get(connection_id, "anonymous"), "message": "" if message is None else str(message)},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")
        api = management_api(request_context["domainName"], request_context["stage"])
        for other in [c for c in names if c != connection_id]:
            try:
                api.post_to_connection(ConnectionId=other, Data=data)
            except ClientError as error:
                # 410 Gone: the client left without $disconnect reaching us. Forget it.
                if error.response["Error"]["Code"] == "GoneException":
                    names.pop(other, None)
                else:
                    raise
        return {"statusCode": 200}

    if route_key == "whisper":
        # Only the connections whose name is the message's "to" get it; the sender and everyone else get nothing.
        body = json.loads(event.get("body") or "{}")
        message = body.get("message")
        data = json.dumps(
            {
                "from": names.get(connection_id, "anonymous"),
                "message": "" if message is None else str(message),
                "whisper": True,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode("utf-8")
        api = management_api(request_context["domainName"], request_context["stage"])
        for target in [c for c, name in names.items() if name == body.get("to")]:
            try:
                api.post_to_connection(ConnectionId=target, Data=data)
            except ClientError as error:
                if error.response["Error"]["Code"] == "GoneException":
                    names.pop(target, None)
                else:
                    raise
        return {"statusCode": 200}

    # $default: the route response carries this body back to the caller.
    return {"statusCode": 200, "body": HELP}
