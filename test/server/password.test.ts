import { monitorEventLoopDelay } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { BCRYPT_COST, hashPassword, verifyPassword } from '../../server/auth/password.js';

describe('password hashing', () => {
  it('makes $2b$12$ hashes that verify, and refuses the wrong password', async () => {
    const hashed = await hashPassword('correct-horse-battery');
    expect(hashed).toMatch(new RegExp(`^\\$2b\\$${BCRYPT_COST}\\$`));
    expect(await verifyPassword('correct-horse-battery', hashed)).toBe(true);
    expect(await verifyPassword('correct-horse-batterY', hashed)).toBe(false);
  });

  it('verifies hashes made by bcryptjs (every account created before the switch), $2a$ and $2b$ alike', async () => {
    const b = bcrypt.hashSync('old-account-password', 4);
    const a = b.replace(/^\$2b\$/, '$2a$');
    expect(await verifyPassword('old-account-password', b)).toBe(true);
    expect(await verifyPassword('old-account-password', a)).toBe(true);
    expect(await verifyPassword('other', b)).toBe(false);
  });

  it('answers false for a stored value that is not a bcrypt hash, never throws', async () => {
    for (const stored of ['x', '', '$2b$12$short', 'plain-text-password']) expect(await verifyPassword('x', stored)).toBe(false);
  });

  it('keeps the event loop free while eight cost-12 hashes run (bcryptjs blocked it for each one)', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`password-${i}-long-enough`)));
    const elapsed = performance.now() - started;
    delay.disable();
    // Eight hashes take about a second on two cores; one blocking hash alone would stall the loop ~250 ms.
    expect(elapsed).toBeGreaterThan(200);
    expect(delay.max / 1e6).toBeLessThan(200);
  });
});
