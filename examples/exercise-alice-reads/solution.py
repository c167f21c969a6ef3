"""A solution to the exercise: alice may GET, nobody may POST, bob may do nothing."""

TOKENS = {"Bearer alice-token": "alice", "Bearer bob-token": "bob"}


def lambda_handler(event, context):
    user = TOKENS.get(event["authorizationToken"])
    if user is None:
        raise Exception("Unauthorized")
    # methodArn: arn:aws:execute-api:{region}:{account}:{api id}/{stage}/{HTTP method}/{resource path}
    method = event["methodArn"].split(":")[5].split("/")[2]
    effect = "Allow" if user == "alice" and method == "GET" else "Deny"
    return {
        "principalId": user,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}
            ],
        },
    }
