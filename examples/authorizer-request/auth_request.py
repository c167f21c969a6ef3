"""A REQUEST authorizer for the items API.

API Gateway calls it with the whole request: headers, query string, path, stage variables and the
method's ARN. Its identity sources, the X-User header and the team query string parameter, must both
be present (or API Gateway answers 401 without calling it), and its answer is cached per pair of values.
"""

# Which teams each user belongs to.
TEAMS = {"alice": ["blue"], "bob": ["red"]}


def lambda_handler(event, context):
    user = event["headers"]["X-User"]
    team = event["queryStringParameters"]["team"]
    allowed = team in TEAMS.get(user, [])
    return {
        "principalId": user,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "execute-api:Invoke",
                    "Effect": "Allow" if allowed else "Deny",
                    "Resource": event["methodArn"],
                }
            ],
        },
        "context": {"team": team},
    }
