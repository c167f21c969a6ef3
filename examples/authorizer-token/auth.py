"""A TOKEN authorizer for the items API.

API Gateway calls it with the Authorization header's value in event["authorizationToken"] and the
method being called in event["methodArn"]; it answers with the caller's id and an IAM policy.
"""

# Who holds which token. A real authorizer verifies a signed token (a JWT) instead.
TOKENS = {"Bearer alice-token": "alice", "Bearer bob-token": "bob"}


def lambda_handler(event, context):
    user = TOKENS.get(event["authorizationToken"])
    if user is None:
        # Failing with exactly this message makes API Gateway answer 401 Unauthorized.
        raise Exception("Unauthorized")
    effect = "Deny" if user == "bob" else "Allow"
    return {
        "principalId": user,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}
            ],
        },
        # Strings, numbers and booleans only: the backend reads them in requestContext.authorizer.
        "context": {"user": user, "plan": "free"},
    }
