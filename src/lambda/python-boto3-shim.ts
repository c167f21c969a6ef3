/**
 * The lab's `boto3`: enough of boto3/botocore for a Python Lambda handler to call API Gateway's `@connections`
 * management API (`boto3.client("apigatewaymanagementapi", endpoint_url=...)`: `post_to_connection`,
 * `get_connection`, `delete_connection`), SigV4-signed as botocore signs them (service `execute-api`, the credentials of
 * the environment as Lambda sets a role's), with botocore's `ClientError` (`response["Error"]["Code"]`) and the
 * client's modeled exceptions (`client.exceptions.GoneException`). Any other service or operation raises
 * NotImplementedError naming what the lab supports.
 *
 * Runtime-agnostic (no Node imports): Pyodide has no sockets, so the shim's HTTP goes through a synchronous hook each
 * runtime provides, `globalThis.__apigwLabSyncHttp(method, url, headersJson, bodyBase64)`, returning the JSON text
 * `{"status", "headers", "bodyBase64"}` (or `{"status": 0, "error": "..."}` when the request could not be made):
 * Node worker threads (src/node/sync-fetch-bridge.ts) and the page's handler worker both block on Atomics.wait.
 *
 * As in AWS Lambda, where boto3 lives in /var/runtime beside the runtime, the files go to /var/runtime, after
 * /var/task on sys.path; nothing is imported until a handler imports boto3 or botocore.
 * Sources: https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apigatewaymanagementapi.html,
 * https://boto3.amazonaws.com/v1/documentation/api/latest/reference/services/apigatewaymanagementapi.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
import type { PyodideInterface } from 'pyodide';

/** Where the shim's modules live in Pyodide's file system (on sys.path after /var/task, as in Lambda). */
export const PYTHON_BOTO3_SHIM_DIR = '/var/runtime';

/** The name of the JavaScript global the shim calls for HTTP (see the module comment for its contract). */
export const SYNC_HTTP_GLOBAL = '__apigwLabSyncHttp';

/** The shim itself: the module `_apigw_lab_aws`, which `boto3` and `botocore.exceptions` re-export. */
export const PYTHON_BOTO3_SHIM_SOURCE = String.raw`
"""apigw-lab's boto3 shim: the apigatewaymanagementapi client, SigV4-signed, over the runtime's synchronous HTTP hook."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import sys
import urllib.parse

__version__ = "1.35.0"
SUPPORTED = "apigw-lab's boto3 supports client('apigatewaymanagementapi') with post_to_connection, get_connection and delete_connection"
_SYNC_HTTP = "__apigwLabSyncHttp"


class BotoCoreError(Exception):
    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs):
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs


class NoRegionError(BotoCoreError):
    fmt = "You must specify a region."


class NoCredentialsError(BotoCoreError):
    fmt = "Unable to locate credentials"


class ParamValidationError(BotoCoreError):
    fmt = "Parameter validation failed:\n{report}"


class EndpointConnectionError(BotoCoreError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class UnknownServiceError(BotoCoreError):
    fmt = "Unknown service: '{service_name}'. " + SUPPORTED + "."


class ClientError(Exception):
    MSG_TEMPLATE = "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"

    def __init__(self, error_response, operation_name):
        retry_info = ""
        attempts = error_response.get("ResponseMetadata", {}).get("MaxAttemptsReached")
        if attempts:
            retry_info = " (reached max retries: 0)"
        error = error_response.get("Error", {})
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"),
            error_message=error.get("Message", "Unknown"),
            operation_name=operation_name,
            retry_info=retry_info,
        )
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name


def _modeled(name):
    return type(name, (ClientError,), {})


class _Exceptions(object):
    """client.exceptions: the service's modeled errors, subclasses of ClientError (as botocore builds them)."""

    ClientError = ClientError
    GoneException = _modeled("GoneException")
    ForbiddenException = _modeled("ForbiddenException")
    LimitExceededException = _modeled("LimitExceededException")
    PayloadTooLargeException = _modeled("PayloadTooLargeException")

    def from_code(self, code):
        return getattr(self, code, None) if code in _MODELED_CODES else None


_MODELED_CODES = ("GoneException", "ForbiddenException", "LimitExceededException", "PayloadTooLargeException")
_STATUS_CODES = {403: "ForbiddenException", 410: "GoneException", 413: "PayloadTooLargeException", 429: "LimitExceededException"}


def _quote(value, safe="/~"):
    return urllib.parse.quote(value, safe=safe)


def _sign(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


class _Credentials(object):
    def __init__(self, access_key, secret_key, token):
        self.access_key = access_key
        self.secret_key = secret_key
        self.token = token


def _sigv4_headers(method, url, headers, body, credentials, region, service, now):
    """The SigV4 headers botocore adds (x-amz-date, x-amz-security-token, Authorization) for a request."""
    parts = urllib.parse.urlsplit(url)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    date_stamp = now.strftime("%Y%m%d")
    signed = dict((k.lower(), " ".join(str(v).split())) for k, v in headers.items() if k.lower() != "user-agent")
    signed["host"] = parts.netloc
    signed["x-amz-date"] = amz_date
    if credentials.token:
        signed["x-amz-security-token"] = credentials.token
    names = sorted(signed)
    canonical_headers = "".join(name + ":" + signed[name] + "\n" for name in names)
    signed_headers = ";".join(names)
    # Every service but S3: the path as sent, encoded once more (botocore's _normalize_url_path then quote).
    canonical_uri = _quote(parts.path or "/")
    query = sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    canonical_query = "&".join(_quote(k, safe="-_.~") + "=" + _quote(v, safe="-_.~") for k, v in query)
    payload_hash = hashlib.sha256(body).hexdigest()
    canonical_request = "\n".join([method, canonical_uri, canonical_query, canonical_headers, signed_headers, payload_hash])
    scope = date_stamp + "/" + region + "/" + service + "/aws4_request"
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()])
    key = _sign(("AWS4" + credentials.secret_key).encode("utf-8"), date_stamp)
    key = _sign(key, region)
    key = _sign(key, service)
    key = _sign(key, "aws4_request")
    signature = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    out = {"X-Amz-Date": amz_date}
    if credentials.token:
        out["X-Amz-Security-Token"] = credentials.token
    out["Authorization"] = (
        "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" + scope
        + ", SignedHeaders=" + signed_headers + ", Signature=" + signature
    )
    return out


def _sync_http(method, url, headers, body):
    """One HTTP request through the runtime's hook; returns (status, headers, body bytes)."""
    try:
        import js
    except ImportError:
        raise RuntimeError("apigw-lab's boto3 runs in Pyodide only (no 'js' module here)")
    hook = getattr(js, _SYNC_HTTP, None)
    if hook is None:
        raise RuntimeError(
            "this runtime gives Python handlers no HTTP (globalThis." + _SYNC_HTTP + " is missing): "
            "the lab provides it to WebSocket APIs' functions"
        )
    reply = json.loads(str(hook(method, url, json.dumps(headers), base64.b64encode(body).decode("ascii"))))
    status = int(reply.get("status") or 0)
    if status == 0:
        raise EndpointConnectionError(endpoint_url=url, error=reply.get("error"))
    response_headers = dict((str(k).lower(), str(v)) for k, v in (reply.get("headers") or {}).items())
    return status, response_headers, base64.b64decode(reply.get("bodyBase64") or "")


def _parse_timestamp(value):
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    text = str(value).replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(text)


class _Operation(object):
    def __init__(self, name, method, required, optional=()):
        self.name = name
        self.method = method
        self.required = required
        self.members = list(required) + list(optional)


_OPERATIONS = {
    "post_to_connection": _Operation("PostToConnection", "POST", ("Data", "ConnectionId")),
    "get_connection": _Operation("GetConnection", "GET", ("ConnectionId",)),
    "delete_connection": _Operation("DeleteConnection", "DELETE", ("ConnectionId",)),
}


class _Meta(object):
    def __init__(self, region_name, endpoint_url):
        self.region_name = region_name
        self.endpoint_url = endpoint_url
        self.service_model = None


class ApiGatewayManagementApiClient(object):
    """The apigatewaymanagementapi client, as boto3.client() returns it (its three operations)."""

    def __init__(self, endpoint_url, region_name, credentials):
        self._endpoint_url = endpoint_url.rstrip("/")
        self._region = region_name
        self._credentials = credentials
        self.exceptions = _Exceptions()
        self.meta = _Meta(region_name, endpoint_url)

    def post_to_connection(self, **kwargs):
        return self._call("post_to_connection", kwargs)

    def get_connection(self, **kwargs):
        return self._call("get_connection", kwargs)

    def delete_connection(self, **kwargs):
        return self._call("delete_connection", kwargs)

    def can_paginate(self, operation_name):
        return False

    def close(self):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotImplementedError("apigatewaymanagementapi." + name + ": " + SUPPORTED)

    def _call(self, method_name, params):
        op = _OPERATIONS[method_name]
        report = []
        for name in params:
            if name not in op.members:
                report.append('Unknown parameter in input: "' + name + '", must be one of: ' + ", ".join(op.members))
        for name in op.required:
            if name not in params:
                report.append('Missing required parameter in input: "' + name + '"')
        connection_id = params.get("ConnectionId")
        if "ConnectionId" in params and not isinstance(connection_id, str):
            report.append("Invalid type for parameter ConnectionId, value: " + repr(connection_id)
                          + ", type: " + repr(type(connection_id)) + ", valid types: <class 'str'>")
        body = b""
        if method_name == "post_to_connection" and "Data" in params:
            data = params["Data"]
            if isinstance(data, str):
                body = data.encode("utf-8")
            elif isinstance(data, (bytes, bytearray)):
                body = bytes(data)
            elif hasattr(data, "read"):
                body = data.read()
                body = body.encode("utf-8") if isinstance(body, str) else bytes(body)
            else:
                report.append("Invalid type for parameter Data, value: " + repr(data) + ", type: " + repr(type(data))
                              + ", valid types: <class 'bytes'>, <class 'bytearray'>, file-like object")
        if report:
            raise ParamValidationError(report="\n".join(report))
        url = self._endpoint_url + "/@connections/" + _quote(connection_id, safe="")
        headers = {"User-Agent": "Boto3/" + __version__ + " md/Botocore#" + __version__ + " apigw-lab-shim Python/"
                   + sys.version.split()[0]}
        if body:
            headers["Content-Type"] = "application/octet-stream"
        now = datetime.datetime.now(datetime.timezone.utc)
        headers.update(_sigv4_headers(op.method, url, headers, body, self._credentials, self._region, "execute-api", now))
        status, response_headers, response_body = _sync_http(op.method, url, headers, body)
        metadata = {
            "RequestId": response_headers.get("x-amzn-requestid", ""),
            "HTTPStatusCode": status,
            "HTTPHeaders": response_headers,
            "RetryAttempts": 0,
        }
        if status >= 300:
            raise self._error(op, status, response_headers, response_body, metadata)
        result = {}
        if method_name == "get_connection" and response_body:
            doc = json.loads(response_body.decode("utf-8"))
            if "connectedAt" in doc:
                result["ConnectedAt"] = _parse_timestamp(doc["connectedAt"])
            identity = doc.get("identity") or {}
            result["Identity"] = {}
            if "sourceIp" in identity:
                result["Identity"]["SourceIp"] = identity["sourceIp"]
            if "userAgent" in identity:
                result["Identity"]["UserAgent"] = identity["userAgent"]
            if "lastActiveAt" in doc:
                result["LastActiveAt"] = _parse_timestamp(doc["lastActiveAt"])
        result["ResponseMetadata"] = metadata
        return result

    def _error(self, op, status, headers, body, metadata):
        # restJson errors: the code from x-amzn-ErrorType (before any ':'), else the body's __type/code, else the status.
        doc = {}
        try:
            doc = json.loads(body.decode("utf-8")) if body else {}
        except ValueError:
            doc = {}
        if not isinstance(doc, dict):
            doc = {}
        code = headers.get("x-amzn-errortype", "").split(":")[0]
        if not code:
            code = str(doc.get("__type") or doc.get("code") or doc.get("Code") or "").split("#")[-1]
        if not code:
            code = _STATUS_CODES.get(status, str(status))
        message = doc.get("message", doc.get("Message"))
        error = {"Message": "" if message is None else str(message), "Code": code}
        response = {"Error": error, "ResponseMetadata": metadata}
        if message is None and "message" in doc:
            response["message"] = None
        cls = self.exceptions.from_code(code) or ClientError
        return cls(response, op.name)


def _region(region_name):
    region = region_name or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if not region:
        raise NoRegionError()
    return region


def _credentials(access_key, secret_key, token):
    access_key = access_key or os.environ.get("AWS_ACCESS_KEY_ID")
    secret_key = secret_key or os.environ.get("AWS_SECRET_ACCESS_KEY")
    token = token or os.environ.get("AWS_SESSION_TOKEN")
    if not access_key or not secret_key:
        raise NoCredentialsError()
    return _Credentials(access_key, secret_key, token)


class Session(object):
    """boto3.session.Session: region and credentials, from arguments else the environment (as Lambda sets them)."""

    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None):
        self._keys = (aws_access_key_id, aws_secret_access_key, aws_session_token)
        self._region_name = region_name

    @property
    def region_name(self):
        return self._region_name or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")

    def get_available_services(self):
        return ["apigatewaymanagementapi"]

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
               config=None, **kwargs):
        if service_name != "apigatewaymanagementapi":
            raise NotImplementedError("boto3.client('" + str(service_name) + "'): " + SUPPORTED
                                      + " (on AWS, every service's client is there)")
        region = _region(region_name or self._region_name)
        endpoint = (endpoint_url or os.environ.get("AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI")
                    or os.environ.get("AWS_ENDPOINT_URL") or "https://execute-api." + region + ".amazonaws.com")
        credentials = _credentials(aws_access_key_id or self._keys[0], aws_secret_access_key or self._keys[1],
                                   aws_session_token or self._keys[2])
        return ApiGatewayManagementApiClient(endpoint, region, credentials)

    def resource(self, service_name, *args, **kwargs):
        raise NotImplementedError("boto3.resource('" + str(service_name) + "'): " + SUPPORTED)


DEFAULT_SESSION = None


def client(*args, **kwargs):
    return Session().client(*args, **kwargs)


def resource(*args, **kwargs):
    return Session().resource(*args, **kwargs)


def setup_default_session(**kwargs):
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)
`;

/** The package files around the shim: `boto3`, `boto3.session`, `botocore`, `botocore.exceptions`. */
const PACKAGE_FILES: Record<string, string> = {
  'boto3/__init__.py':
    'from _apigw_lab_aws import __version__, client, resource, setup_default_session, Session, DEFAULT_SESSION\nfrom . import session\n',
  'boto3/session.py': 'from _apigw_lab_aws import Session\n',
  'botocore/__init__.py': 'from _apigw_lab_aws import __version__\n',
  'botocore/exceptions.py':
    'from _apigw_lab_aws import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError, NoRegionError, ParamValidationError, UnknownServiceError\n',
};

/**
 * Writes the shim into a Pyodide's file system and puts /var/runtime on sys.path (after /var/task). Cheap: nothing is
 * imported until a handler imports boto3 or botocore. Idempotent.
 */
export function installPythonBoto3Shim(pyodide: Pick<PyodideInterface, 'FS' | 'runPython'>): void {
  const fs = pyodide.FS;
  fs.mkdirTree(`${PYTHON_BOTO3_SHIM_DIR}/boto3`);
  fs.mkdirTree(`${PYTHON_BOTO3_SHIM_DIR}/botocore`);
  fs.writeFile(`${PYTHON_BOTO3_SHIM_DIR}/_apigw_lab_aws.py`, PYTHON_BOTO3_SHIM_SOURCE);
  for (const [path, source] of Object.entries(PACKAGE_FILES)) fs.writeFile(`${PYTHON_BOTO3_SHIM_DIR}/${path}`, source);
  pyodide.runPython(
    [
      'import importlib, sys',
      `if ${JSON.stringify(PYTHON_BOTO3_SHIM_DIR)} not in sys.path: sys.path.append(${JSON.stringify(PYTHON_BOTO3_SHIM_DIR)})`,
      'importlib.invalidate_caches()',
      "for _m in [m for m in sys.modules if m == '_apigw_lab_aws' or m.split('.')[0] in ('boto3', 'botocore')]: del sys.modules[_m]",
    ].join('\n'),
  );
}
