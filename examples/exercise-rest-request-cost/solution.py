import json

# REST API requests, US East (N. Virginia), per million: (requests in the tier, dollars per million).
# https://aws.amazon.com/api-gateway/pricing/ (read 2026-12-04). None: no end.
# L: the free tier, caching and data transfer are left out, as in the chapter's worked example.
TIERS = [(333_000_000, 3.50), (667_000_000, 2.80), (19_000_000_000, 2.38), (None, 1.51)]


def lambda_handler(event, context):
    """GET /cost?requests=N: the monthly charge of N REST API requests, tier by tier; 400 without a whole number."""
    headers = {'Content-Type': 'application/json'}
    text = (event.get('queryStringParameters') or {}).get('requests', '')
    if not text.isdigit():
        return {'statusCode': 400, 'headers': headers, 'body': json.dumps({'message': 'requests must be a whole number'})}
    requests = int(text)
    left, usd = requests, 0.0
    for size, rate in TIERS:
        taken = left if size is None else min(left, size)
        usd += taken / 1_000_000 * rate
        left -= taken
        if left == 0:
            break
    return {'statusCode': 200, 'headers': headers, 'body': json.dumps({'requests': requests, 'usd': f'{usd:.2f}'})}
