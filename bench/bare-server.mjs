// The baseline for bench/run.mjs: a bare node:http server answering every request with the same
// status, headers (wire case, in order; argv[2] is a JSON [[name, value], ...]) and body (argv[3]).
// Prints "PORT <n>" once listening on 127.0.0.1.
import { createServer } from 'node:http';

const headers = JSON.parse(process.argv[2] ?? '[]');
const body = Buffer.from(process.argv[3] ?? 'ok');
const flat = headers.flat();
flat.push('Content-Length', String(body.length));

const server = createServer({ keepAlive: true, noDelay: true }, (req, res) => {
  res.writeHead(200, flat);
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
