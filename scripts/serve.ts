/**
 * The portal's HTTP server (`npm start`, `npm run dev`, the Playwright suite): Next.js behind a
 * plain node:http server whose only addition is the TCP peer of every request, written into
 * PEER_HEADER over whatever the client sent (lib/server/client-ip.ts). Next.js does not hand the
 * peer to route handlers, and without it the audit log and the login rate limit could only take
 * the client's word (X-Forwarded-For) for who is calling.
 * Usage: tsx scripts/serve.ts [--dev] [-p PORT]
 */
import http from 'node:http';
import { PEER_HEADER_ENV, stampPeer } from '../lib/server/client-ip';

function portArg(): number {
  const i = process.argv.indexOf('-p');
  const port = Number(i >= 0 ? process.argv[i + 1] : (process.env.PORT ?? 3000));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`端口无效：${process.argv[i + 1]}`);
  return port;
}

async function main() {
  const dev = process.argv.includes('--dev');
  const port = portArg();
  const env = process.env as Record<string, string | undefined>;
  env.NODE_ENV ??= dev ? 'development' : 'production';
  env[PEER_HEADER_ENV] = '1';
  const { default: next } = await import('next');
  const server = http.createServer();
  const app = next({ dev, port, hostname: 'localhost', httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  server.on('request', (req, res) => {
    stampPeer(req);
    void handle(req, res);
  });
  server.listen(port, () => console.log(`[serve] http://localhost:${port}${dev ? '（开发模式）' : ''}`));
  const stop = () => {
    server.close(() => void app.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref(); // open keep-alive connections do not hold the exit
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('[serve] 启动失败：', err);
  process.exit(1);
});
