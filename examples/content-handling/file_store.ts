/** The event the mapping templates build: an upload (with the body base64-encoded in `data`) or a download. */
type FileEvent = { operation: 'upload'; fileName: string; data: string } | { operation: 'download'; fileName: string };

/** A Lambda custom integration: the mapping templates build the event and say which operation it asks for. */
export const handler = async (event: FileEvent): Promise<{ fileName: string; bytes: number } | string> => {
  if (event.operation === 'upload') {
    // contentHandling CONVERT_TO_TEXT: the binary request body arrives base64-encoded in the template's "data".
    const data = Uint8Array.from(atob(event.data), (c) => c.charCodeAt(0));
    return { fileName: event.fileName, bytes: data.length };
  }

  // download: the bytes go back as a base64 string; the integration response's
  // contentHandling CONVERT_TO_BINARY turns it into bytes for the client.
  const data = new TextEncoder().encode(`Contents of ${event.fileName}\n`);
  return btoa(String.fromCharCode(...data));
};
