"""A Lambda authorizer for an HTTP API, payload format 2.0 with simple responses.

API Gateway sends the request (headers, query string, route ARN) and the identity source values in
event["identitySource"]; the function answers isAuthorized, and a context that reaches the route's
function in requestContext.authorizer.lambda.
"""

TOKENS = {"Bearer alice-token": "alice", "Bearer bob-token": "bob"}


def lambda_handler(event, context):
    user = TOKENS.get(event["identitySource"][0])
    return {"isAuthorized": user == "alice", "context": {"user": user or "unknown"}}
