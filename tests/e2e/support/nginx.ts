// A real nginx for the publish tests: Debian's package (installed when missing and we may),
// running deploy/nginx.conf rendered for a temporary publish directory on 127.0.0.1:<free port>.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../../scripts/harness/server.ts';
import { join } from 'node:path';
import { nginxTemplate, renderNginx } from '../../../scripts/publish/lib.ts';

const findNginx = (): string | undefined => ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));

/** The nginx binary, installing Debian's package when missing; or why there is none. */
export function ensureNginx(): { bin: string } | { skip: string } {
  const found = findNginx();
  if (found) return { bin: found };
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  if (!root && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    return { skip: 'nginx is not installed and this user cannot install it (not root, no passwordless sudo): apt-get install nginx' };
  }
  // Debian starts a freshly installed daemon on port 80 of every address unless policy-rc.d says no:
  // forbid it for this install (only 127.0.0.1 may be listened on here).
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  const run = (args: string[]): boolean => spawnSync(args[0]!, args.slice(1), { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (ownPolicy) run([...sudo, 'sh', '-c', `printf '#!/bin/sh\\nexit 101\\n' > ${policy} && chmod 755 ${policy}`]);
  try {
    run([...sudo, 'apt-get', 'update', '-qq']);
    run([...sudo, 'apt-get', 'install', '-y', '-qq', 'nginx']);
  } finally {
    if (ownPolicy) run([...sudo, 'rm', '-f', policy]);
  }
  const bin = findNginx();
  return bin ? { bin } : { skip: 'apt-get install nginx failed' };
}

export interface Nginx { url: string; stop: () => Promise<void>; log: () => string; /** a shell command that makes it reload its configuration */ reloadCommand: string }

/** nginx in the foreground (daemon off), its own prefix, pid file and logs, serving `<dir>/live` with the live release's headers, as `publish nginx-config` renders it by default. */
export async function startNginx(bin: string, dir: string, prefix: string): Promise<Nginx> {
  const port = await freePort();
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const server = renderNginx(readFileSync(nginxTemplate, 'utf8'), {
    dir, listen: `127.0.0.1:${port}`, serverName: '_', headers: join(dir, 'live/security-headers.conf'),
  });
  writeFileSync(join(prefix, 'server.conf'), server);
  const mimeTypes = ['/etc/nginx/mime.types', join(prefix, 'mime.types')].find((p) => existsSync(p));
  writeFileSync(join(prefix, 'nginx.conf'), `# test wrapper around deploy/nginx.conf
daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs/error.log')} warn;
events { worker_connections 256; }
http {
    ${mimeTypes ? `include ${mimeTypes};` : ''}
    default_type application/octet-stream;
    sendfile on;
    access_log ${join(prefix, 'logs/access.log')};
    client_body_temp_path ${join(prefix, 'client_body')};
    proxy_temp_path ${join(prefix, 'proxy')};
    fastcgi_temp_path ${join(prefix, 'fastcgi')};
    uwsgi_temp_path ${join(prefix, 'uwsgi')};
    scgi_temp_path ${join(prefix, 'scgi')};
    include ${join(prefix, 'server.conf')};
}
`);
  const test = spawnSync(bin, ['-t', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t rejected the rendered deploy/nginx.conf:\n${test.stderr}`);
  const child: ChildProcess = spawn(bin, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'logs/error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try { await fetch(`${url}/`); break; } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    reloadCommand: `kill -HUP $(cat '${join(prefix, 'nginx.pid')}')`,
    log: () => { try { return readFileSync(join(prefix, 'logs/error.log'), 'utf8'); } catch { return out; } },
    stop: async () => {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT'); // graceful stop of master and workers
        await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
