import { newExtendedRequestId } from '../shared/ids.js';

/**
 * A connection id, message id or request id of a WebSocket API: 16 characters ending in `=`, as API Gateway's are
 * (`Qyi07eCbtjMCJKw=`, seen in its error frames: `{"message": "Internal server error", "connectionId":
 * "Qyi07eCbtjMCJKw=", "requestId":"Qyi3UG41tjMFlUg="}`).
 */
export const newWebSocketId: () => string = newExtendedRequestId;
