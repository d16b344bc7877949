import type { Logger } from '../ops/logger.js';
import { type Bus, InProcessBus } from './bus.js';
import { RedisBus } from './redis-bus.js';

/**
 * The bus between nodes: Redis when a URL is configured (and it answers at startup), in-process
 * otherwise.
 *
 * @throws when Redis is configured but not reachable: a node that can't reach the others must not start.
 */
export async function openBus(redisUrl: string | null, nodeId: string, log: Logger): Promise<Bus> {
  if (redisUrl === null) return new InProcessBus();
  const bus = new RedisBus(redisUrl, nodeId, log);
  try {
    await bus.ready();
  } catch (error) {
    await bus.close();
    throw new Error(`REDIS_URL is set but Redis is not reachable: ${(error as Error).message}`);
  }
  return bus;
}
