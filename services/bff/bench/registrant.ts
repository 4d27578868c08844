// A registrant of its own for `bench:edge`: a separate process that posts one registration when told to (a
// line on stdin) and prints `{"status":…,"ms":…}`. Timed in the bench's own process, the registration also
// waited for that process to handle the 3 000 stream answers it had just asked for — the client's queue, not
// the BFF's; a registrant elsewhere on the internet has no such queue.
import { request } from 'node:http';
import { once } from 'node:events';

const [bff, from] = process.argv.slice(2);
if (!bff || !from) throw new Error('usage: registrant.ts <bff url> <local address>');
const body = JSON.stringify({
  nombre: 'Bench Edge',
  email: `bench.${Math.random().toString(36).slice(2)}@gmail.com`,
  categorias: ['moda'],
});
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const started = performance.now();
const status = await new Promise<number>((resolve, reject) => {
  const req = request(
    `${bff}/influencers`,
    { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json' } },
    (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    },
  );
  req.on('error', reject);
  req.end(body);
});
process.stdout.write(`${JSON.stringify({ status, ms: performance.now() - started })}\n`);
process.exit(0);
