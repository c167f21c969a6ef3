"""The route's function: it answers with the user the Lambda authorizer named in its context
(payload format 2.0: requestContext.authorizer.lambda)."""

import json


def lambda_handler(event, context):
    user = event["requestContext"]["authorizer"]["lambda"]["user"]
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"user": user}),
    }
