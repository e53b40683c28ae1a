/**
 * The portal's HTTP server (`npm start`, `npm run dev`, the Playwright suite): Next.js behind a
 * plain node:http server whose only addition is the TCP peer of every request, written into
 * PEER_HEADER over whatever the client sent (lib/server/client-ip.ts). Next.js does not hand the
 * peer to route handlers, and without it the audit log and the login rate limit could only take
 * the client's word (X-Forwarded-For) for who is calling.
 *
 * WEB_CONCURRENCY=N (production only) runs N such servers as node:cluster workers sharing the port,
 * one per core the portal may use: one Node process renders on one core. Any worker can serve any
 * request — sessions are JWTs, uploads and import jobs live in Postgres, the result cache checks
 * Postgres's change notes — and a worker that dies is replaced.
 * Usage: tsx scripts/serve.ts [--dev] [-p PORT]
 */
import cluster from 'node:cluster';
import http from 'node:http';
import { PEER_HEADER_ENV, stampPeer } from '../lib/server/client-ip';

function portArg(): number {
  const i = process.argv.indexOf('-p');
  const port = Number(i >= 0 ? process.argv[i + 1] : (process.env.PORT ?? 3000));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`端口无效：${process.argv[i + 1]}`);
  return port;
}

/** WEB_CONCURRENCY: how many worker processes (1, the default: no cluster). */
function workerCount(dev: boolean): number {
  const raw = process.env.WEB_CONCURRENCY;
  const n = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WEB_CONCURRENCY 无效：${raw}（应为 1–64 的整数）`);
  return dev ? 1 : n;
}

/**
 * The cluster's primary: starts the workers, replaces one that dies after it was serving (one that
 * fails to start stops the whole server), stops them all on SIGINT/SIGTERM.
 */
function runPrimary(workers: number) {
  let stopping = false;
  const stopWorkers = (exitCode: number) => {
    stopping = true;
    process.exitCode = exitCode;
    const alive = Object.values(cluster.workers ?? {});
    if (alive.length === 0) process.exit();
    for (const w of alive) w?.kill('SIGTERM');
    setTimeout(() => process.exit(), 6000).unref();
  };
  for (let i = 0; i < workers; i++) cluster.fork();
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    if (!listening.has(worker.id)) {
      // It failed while starting (its error is in the log above): another would fail the same way.
      console.error('[serve] 工作进程启动失败，停止');
      return stopWorkers(1);
    }
    console.error(`[serve] 工作进程 ${worker.process.pid} 退出（${signal ?? code}），重新启动`);
    cluster.fork();
  });
  process.on('SIGINT', () => stopWorkers(0));
  process.on('SIGTERM', () => stopWorkers(0));
}

async function main() {
  const dev = process.argv.includes('--dev');
  const port = portArg();
  const workers = workerCount(dev);
  if (workers > 1 && cluster.isPrimary) return runPrimary(workers);
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
  // A port already taken (or any listen failure) stops the process: Next's own uncaughtException handler
  // would only log it and leave a server that listens nowhere (and, in a cluster, a primary waiting for it).
  server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(`[serve] 无法监听端口 ${port}：${err.code === 'EADDRINUSE' ? '端口已被占用' : err.message}`);
    process.exit(1);
  });
  server.listen(port, () => {
    if (cluster.isPrimary || cluster.worker?.id === 1)
      console.log(
        `[serve] http://localhost:${port}${dev ? '（开发模式）' : workers > 1 ? `（${workers} 个工作进程）` : ''}`,
      );
  });
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
