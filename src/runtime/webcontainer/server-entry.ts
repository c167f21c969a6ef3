/**
 * The entry of public/webcontainer/emulator.mjs (scripts/build-webcontainer.mjs bundles it): the
 * emulator server that runs in the WebContainer. server.mjs imports it and calls `startServer`;
 * the same file, started as a worker thread by the server, serves Lambda invocations or the
 * example's HTTP service.
 */
import { webcrypto } from 'node:crypto';
import { isMainThread, workerData } from 'node:worker_threads';
import { isLambdaThreadData, runLambdaThread } from './server/lambda-thread.js';
import { isUpstreamThreadData, runUpstreamThread } from './server/upstream-thread.js';

// The emulator uses Web Crypto's global `crypto` (a global from Node 19 on; the container may run Node 18).
if (!('crypto' in globalThis)) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });

/** Starts the emulator server on the files of a folder (server.mjs calls it). */
export { startServer, type StartServerOptions } from './server/server.js';

if (!isMainThread && isLambdaThreadData(workerData)) runLambdaThread(workerData);
if (!isMainThread && isUpstreamThreadData(workerData)) runUpstreamThread(workerData);
