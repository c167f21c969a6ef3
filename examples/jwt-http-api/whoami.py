"""The backend of the JWT example: it answers with who called and what they may do, as the
JWT authorizer put it in the event (payload format 2.0: requestContext.authorizer.jwt)."""

import json


def lambda_handler(event, context):
    jwt = event["requestContext"]["authorizer"]["jwt"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"user": jwt["claims"]["username"], "scopes": jwt["scopes"]}),
    }
