import json

# REST API requests, US East (N. Virginia), per million: (requests in the tier, dollars per million).
# https://aws.amazon.com/api-gateway/pricing/ (read 2026-12-04). None: no end.
# L: the free tier, caching and data transfer are left out, as in the chapter's worked example.
TIERS = [(333_000_000, 3.50), (667_000_000, 2.80), (19_000_000_000, 2.38), (None, 1.51)]


def lambda_handler(event, context):
    """
    Exercise: GET /cost?requests=N answers what N REST API requests in a month cost, tier by tier.
    """
    requests = int((event.get('queryStringParameters') or {}).get('requests', '0'))
    # Today every request is charged at the first tier's rate.
    usd = requests / 1_000_000 * TIERS[0][1]
    return {
        'statusCode': 200,
        'headers': {'Content-Type': 'application/json'},
        'body': json.dumps({'requests': requests, 'usd': f'{usd:.2f}'}),
    }
