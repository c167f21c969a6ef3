"""Exercise: let alice read (GET) the items but not write (POST) them; bob may do neither.

API Gateway calls this TOKEN authorizer with event["authorizationToken"] (the Authorization header) and
event["methodArn"]: arn:aws:execute-api:{region}:{account}:{api id}/{stage}/{HTTP method}/{resource path}.
"""

TOKENS = {"Bearer alice-token": "alice", "Bearer bob-token": "bob"}


def lambda_handler(event, context):
    user = TOKENS.get(event["authorizationToken"])
    if user is None:
        raise Exception("Unauthorized")
    # Today everyone who has a token may do everything. Decide the effect from the user and the method.
    effect = "Allow"
    return {
        "principalId": user,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}
            ],
        },
    }
