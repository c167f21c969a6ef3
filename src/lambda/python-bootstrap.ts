/**
 * The Python side of the Pyodide Lambda runtime: imports handler modules from /var/task, builds the
 * `context` object, calls the handler and marshals the result or the error the way the AWS Python
 * runtime (awslambdaric) does. It is written to /var/runtime/bootstrap.py inside Pyodide, so its own
 * frames are dropped from stack traces by the same "/bootstrap.py" rule the real runtime uses.
 */

/** Where the bootstrap lives in Pyodide's file system. */
export const PYTHON_BOOTSTRAP_PATH = '/var/runtime/bootstrap.py';

/** The module name the bootstrap is registered under in `sys.modules`. */
export const PYTHON_BOOTSTRAP_MODULE = '_apigw_lab_bootstrap';

/** Source of the bootstrap module. Results are strings: 'R' + response JSON, or 'E' + error JSON. */
export const PYTHON_BOOTSTRAP_SOURCE = String.raw`
import decimal
import importlib
import json
import linecache
import logging
import math
import os
import sys
import time
import traceback

TASK_ROOT = "/var/task"
sys.dont_write_bytecode = True
os.makedirs(TASK_ROOT, exist_ok=True)
if TASK_ROOT not in sys.path:
    sys.path.insert(0, TASK_ROOT)
os.chdir(TASK_ROOT)

IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
MARSHAL_ERROR = "Runtime.MarshalError"
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
EXIT_ERROR = "Runtime.ExitError"
ERROR_LOG_IDENT = "\u00a0"

_request_id = ""
_handlers = {}
_next_id = 0


class FaultException(Exception):
    def __init__(self, exception_type, msg, trace=None):
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


class _Encoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return math.nan
            return int(obj) if obj == obj.to_integral_value() else float(obj)
        return super().default(obj)


_encoder = _Encoder()


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __init__(self):
        self.cognito_identity_id = None
        self.cognito_identity_pool_id = None


class LambdaContext(object):
    def __init__(self, fields):
        self.aws_request_id = fields["awsRequestId"]
        self.log_group_name = fields["logGroupName"]
        self.log_stream_name = fields["logStreamName"]
        self.function_name = fields["functionName"]
        self.memory_limit_in_mb = str(fields["memoryLimitInMB"])
        self.function_version = fields["functionVersion"]
        self.invoked_function_arn = fields["invokedFunctionArn"]
        self.tenant_id = None
        self.client_context = None
        self.identity = CognitoIdentity()
        self._epoch_deadline_time_in_ms = fields["deadlineMs"]

    def get_remaining_time_in_millis(self):
        delta_ms = int(self._epoch_deadline_time_in_ms - int(time.time() * 1000))
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            f"{self.__class__.__name__}(["
            f"aws_request_id={self.aws_request_id},"
            f"log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},"
            f"function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},"
            f"function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},"
            f"client_context={self.client_context},"
            f"identity={self.identity},"
            f"tenant_id={self.tenant_id}"
            "])"
        )


class LambdaLoggerHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write(self.format(record))


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(LambdaLoggerFilter())
    logging.getLogger().addHandler(handler)


_setup_logging()


def make_error(error_message, error_type, stack_trace):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def build_fault_result(exc_info):
    etype, value, tb = exc_info
    tb_tuples = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i in range(len(tb_tuples)):
        if "/bootstrap.py" not in tb_tuples[i][0]:
            tb_tuples = tb_tuples[i:]
            break
    return make_error(str(value), etype.__name__, traceback.format_list(tb_tuples))


def _replace_line_indentation(line, indent_char, new_indent_char):
    count = 0
    for c in line:
        if c != indent_char:
            break
        count += 1
    return (new_indent_char * count) + line[count:]


def _log_error(error_result):
    description = "[ERROR]"
    if error_result.get("errorType"):
        description += " " + error_result["errorType"]
    if error_result.get("errorMessage"):
        if error_result.get("errorType"):
            description += ":"
        description += " " + error_result["errorMessage"]
    lines = [description, "Traceback (most recent call last):"]
    for element in error_result.get("stackTrace") or []:
        if element == "":
            lines.append("")
        else:
            for trace_line in element.splitlines():
                lines.append(_replace_line_indentation(trace_line, " ", ERROR_LOG_IDENT))
    sys.stdout.write("\r".join(lines) + "\n")


def _import_handler(module_name, handler_name):
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(module_name),
            )
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise FaultException(
            IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(module_name, str(e)),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(module_name, str(e)),
            trace,
        )
    try:
        return getattr(module, handler_name)
    except AttributeError:
        raise FaultException(
            HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(handler_name, module_name),
        )


class _Handler(object):
    def __init__(self, module_name, handler_name):
        self.module_name = module_name
        self.handler_name = handler_name
        self.source = ""
        self.fn = None


def register(module_name, handler_name):
    global _next_id
    _next_id += 1
    _handlers[_next_id] = _Handler(module_name, handler_name)
    return _next_id


def set_source(handler_id, source):
    handler = _handlers[handler_id]
    handler.source = source
    handler.fn = None


def unregister(handler_id):
    _handlers.pop(handler_id, None)


def _load(handler):
    path = os.path.join(TASK_ROOT, handler.module_name + ".py")
    with open(path, "w", encoding="utf-8") as f:
        f.write(handler.source)
    linecache.checkcache(path)
    linecache.cache.pop(path, None)
    importlib.invalidate_caches()
    sys.modules.pop(handler.module_name, None)
    handler.fn = _import_handler(handler.module_name, handler.handler_name)


def _marshal(response):
    if isinstance(response, (bytes, bytearray)):
        return bytes(response).decode("utf-8", errors="replace")
    try:
        return _encoder.encode(response)
    except Exception as e:
        raise FaultException(MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))


def invoke(handler_id, event_json, fields_json):
    global _request_id
    handler = _handlers[handler_id]
    fields = json.loads(fields_json)
    _request_id = fields["awsRequestId"]
    os.environ.update(fields["environment"])
    error_result = None
    result = None
    try:
        if handler.fn is None:
            _load(handler)
        context = LambdaContext(fields)
        try:
            event = json.loads(event_json)
        except Exception as e:
            raise FaultException(UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))
        result = _marshal(handler.fn(event, context))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except SystemExit as e:
        # The real runtime process dies; the next invocation starts a fresh environment.
        handler.fn = None
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        error_result = make_error(
            "RequestId: {} Error: Runtime exited with error: exit status {}".format(_request_id, code),
            EXIT_ERROR,
            None,
        )
    except BaseException:
        error_result = build_fault_result(sys.exc_info())
    if error_result is not None:
        _log_error(error_result)
    sys.stdout.flush()
    sys.stderr.flush()
    _request_id = ""
    if error_result is not None:
        return "E" + json.dumps(error_result)
    return "R" + result
`;
