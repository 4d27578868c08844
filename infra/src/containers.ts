// TEST_INFRA=containers: the same infrastructure from the official images, through testcontainers.
// Only where a Docker engine runs; the project's CI machines have none, so CI does not exercise this.
import type { LocalInfra } from './localInfra.ts';

const POSTGRES_IMAGE = 'postgres:18.4-bookworm';
const PULSAR_IMAGE = 'apachepulsar/pulsar:4.0.7';

export async function startContainerInfra(log: (line: string) => void): Promise<LocalInfra> {
  const { GenericContainer, Wait } = await import('testcontainers');
  log(`starting ${POSTGRES_IMAGE} and ${PULSAR_IMAGE} with testcontainers …`);
  const [postgres, pulsar] = await Promise.all([
    new GenericContainer(POSTGRES_IMAGE)
      .withEnvironment({ POSTGRES_PASSWORD: 'postgres' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start(),
    new GenericContainer(PULSAR_IMAGE)
      .withCommand(['bin/pulsar', 'standalone', '--no-functions-worker', '--no-stream-storage'])
      .withEnvironment({
        PULSAR_MEM: '-Xms256m -Xmx768m -XX:MaxDirectMemorySize=512m',
        PULSAR_PREFIX_brokerDeleteInactiveTopicsEnabled: 'false',
      })
      .withExposedPorts(6650, 8080)
      .withWaitStrategy(Wait.forHttp('/admin/v2/brokers/health', 8080).forStatusCode(200))
      .withStartupTimeout(180_000)
      .start(),
  ]);
  const host = postgres.getHost();
  return {
    databaseUrl: `postgres://postgres:postgres@${host}:${postgres.getMappedPort(5432)}/postgres`,
    pulsarUrl: `pulsar://${pulsar.getHost()}:${pulsar.getMappedPort(6650)}`,
    pulsarAdminUrl: `http://${pulsar.getHost()}:${pulsar.getMappedPort(8080)}`,
    stop: async () => {
      await Promise.allSettled([postgres.stop(), pulsar.stop()]);
    },
  };
}
