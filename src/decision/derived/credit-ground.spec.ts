import type { CreditRecord } from '../decision.types';
import { creditGroundOf } from './credit-ground';

const record = (reason: string | null, ground?: CreditRecord['ground']): CreditRecord => ({
  list: 'samr-serious-violation',
  listedOn: '2025-01-01',
  reason,
  ...(ground === undefined ? {} : { ground }),
});

describe('creditGroundOf: the ground, read from the reason only where the reading is safe', () => {
  it.each([
    ['故意侵犯他人注册商标专用权', 'wilful-ip-infringement'],
    ['恶意侵犯商标权，情节严重', 'wilful-ip-infringement'], // 恶意 qualifying infringement, not a filing
    ['重复专利侵权行为', 'wilful-ip-infringement'],
    ['侵犯专利权，情节严重', 'other-serious-ip-infringement'],
    ['拒不履行商标侵权纠纷生效判决', 'refusal-to-execute-ip-judgment'],
    ['侵犯商业秘密罪', 'ip-crime'],
    ['因销售假冒注册商标的商品被判处刑罚', 'ip-crime'],
    ['非正常专利申请', 'non-normal-patent-filing'],
    ['恶意抢注他人商标', 'bad-faith-trademark-filing'],
    ['商标恶意注册申请', 'bad-faith-trademark-filing'],
    ['擅自开展专利代理业务', 'ip-agency-offence'],
    ['生产销售不合格食品，情节严重', 'non-ip'],
    ['拒不履行借款合同纠纷生效判决', 'non-ip'],
    ['专利资助申报材料不实', 'unstated'], // about IP, but none of the readings: verify
    ['', 'unstated'],
    [null, 'unstated'],
  ] as const)('%s -> %s', (reason, ground) => {
    expect(creditGroundOf(record(reason))).toBe(ground);
  });

  it('a stated ground wins over the reason', () => {
    expect(creditGroundOf(record('故意侵犯他人注册商标专用权', 'non-ip'))).toBe('non-ip');
    expect(creditGroundOf(record(null, 'ip-crime'))).toBe('ip-crime');
  });
});
