import base64


def lambda_handler(event, context):
    """A Lambda custom integration: the mapping templates build the event and say which operation it asks for."""
    if event['operation'] == 'upload':
        # contentHandling CONVERT_TO_TEXT: the binary request body arrives base64-encoded in the template's "data".
        data = base64.b64decode(event['data'])
        return {'fileName': event['fileName'], 'bytes': len(data)}

    # download: the bytes go back as a base64 string; the integration response's
    # contentHandling CONVERT_TO_BINARY turns it into bytes for the client.
    data = f"Contents of {event['fileName']}\n".encode('utf-8')
    return base64.b64encode(data).decode('ascii')
