import { LookupAddress } from 'node:dns';
import { HostResolver, WebhookTargetGuard } from './webhook-target-guard';
import { NO_ALLOWANCE, parseTargetAllowance, specialRangeOf } from './webhook-target-policy';

/** Creates a resolver that returns the next prepared result on each call and counts the calls. */
function scriptedResolver(answers: string[][]): HostResolver & { calls: number } {
  const resolver = async (): Promise<LookupAddress[]> => {
    const result = answers[Math.min(resolver.calls, answers.length - 1)];
    resolver.calls += 1;

    return result.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  resolver.calls = 0;

  return resolver;
}

function lookupResult(
  guard: WebhookTargetGuard,
  host: string,
): Promise<{ error: Error | null; addresses: LookupAddress[] }> {
  return new Promise((resolve) => {
    guard.lookup(host, { all: true }, (error, addresses) =>
      resolve({ error, addresses: Array.isArray(addresses) ? addresses : [] }),
    );
  });
}

describe('specialRangeOf', () => {
  it.each([
    ['8.8.8.8', undefined],
    ['2606:4700::1111', undefined],
    ['169.254.169.254', 'linkLocal'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::808:808', undefined],
    ['::a00:1', 'ipv4Compatible'],
    ['::808:808', 'ipv4Compatible'],
    ['::1', 'loopback'],
    ['2002:c0a8:0101::1', 'private'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
  ])('classifies %s', (address, range) => {
    expect(specialRangeOf(address)).toBe(range);
  });
});

describe('parseTargetAllowance', () => {
  it('reads hosts, addresses and CIDR ranges', () => {
    const allowance = parseTargetAllowance(' Hooks.Corp.Example. , 10.20.0.0/16, ::1 ,');

    expect([...allowance.hosts]).toEqual(['hooks.corp.example']);
    expect(allowance.networks.map(([network, bits]) => `${network.toString()}/${bits}`)).toEqual([
      '10.20.0.0/16',
      '::1/128',
    ]);
  });

  it.each(['10.0.0.0/33', 'http://x', 'a b'])('rejects %j', (entry) => {
    expect(() => parseTargetAllowance(entry)).toThrow(
      `invalid WEBHOOK_ALLOWED_PRIVATE_TARGETS entry ${entry}`,
    );
  });
});

describe('WebhookTargetGuard', () => {
  it('rejects a name that resolves to a private address', async () => {
    const guard = new WebhookTargetGuard(NO_ALLOWANCE, scriptedResolver([['10.0.0.7']]));

    await expect(guard.urlProblem(new URL('https://hooks.example/x'))).resolves.toBe(
      'hooks.example resolves to 10.0.0.7, in the blocked address range "private"; add it to WEBHOOK_ALLOWED_PRIVATE_TARGETS to allow it',
    );
  });

  it('rejects a name when any of its addresses is internal', async () => {
    const guard = new WebhookTargetGuard(
      NO_ALLOWANCE,
      scriptedResolver([['93.184.215.14', '::1']]),
    );

    await expect(guard.urlProblem(new URL('https://hooks.example/x'))).resolves.toContain(
      'resolves to ::1, in the blocked address range "loopback"',
    );
  });

  it('accepts a name that resolves publicly', async () => {
    const guard = new WebhookTargetGuard(NO_ALLOWANCE, scriptedResolver([['93.184.215.14']]));

    await expect(guard.urlProblem(new URL('https://hooks.example/x'))).resolves.toBeUndefined();
  });

  it('checks the resolution it connects to', async () => {
    const resolver = scriptedResolver([['93.184.215.14'], ['127.0.0.1']]);
    const guard = new WebhookTargetGuard(NO_ALLOWANCE, resolver);

    const atCreation = await guard.urlProblem(new URL('https://rebind.example/x'));
    const atDelivery = await lookupResult(guard, 'rebind.example');

    expect(atCreation).toBeUndefined();
    expect(atDelivery.error?.message).toContain('rebind.example resolves to 127.0.0.1');
    expect(atDelivery.addresses).toEqual([]);
    expect(resolver.calls).toBe(2);
  });

  it('hands the checked addresses to the socket', async () => {
    const guard = new WebhookTargetGuard(
      parseTargetAllowance('10.20.0.0/16'),
      scriptedResolver([['10.20.1.5']]),
    );

    const result = await lookupResult(guard, 'cmdb.corp.example');

    expect(result.error).toBeNull();
    expect(result.addresses).toEqual([{ address: '10.20.1.5', family: 4 }]);
  });

  it('lets an allowed host name resolve anywhere', async () => {
    const guard = new WebhookTargetGuard(
      parseTargetAllowance('cmdb.corp.example'),
      scriptedResolver([['192.168.3.4']]),
    );

    const result = await lookupResult(guard, 'CMDB.corp.example');

    expect(result.error).toBeNull();
    expect(guard.literalProblem('cmdb.corp.example')).toBeUndefined();
  });

  it('classifies literals without resolving them', () => {
    const resolver = scriptedResolver([['8.8.8.8']]);
    const guard = new WebhookTargetGuard(parseTargetAllowance('127.0.0.2'), resolver);

    expect(guard.literalProblem('127.0.0.2')).toBeUndefined();
    expect(guard.literalProblem('127.0.0.1')).toContain(
      '127.0.0.1 is in the blocked address range "loopback"',
    );
    expect(guard.literalProblem('hooks.example')).toBeNull();
    expect(resolver.calls).toBe(0);
  });
});
