import expect from 'expect';
(global as any).expect = expect;
import { writeFileSync } from 'fs';
import { startTestApp } from './test/support/test-app';
import { ApiClient, approvingChooser, SteppingClock } from './test/support/api-client';
import { binary } from './test/support/pdf-tools';
(async () => {
  const t = await startTestApp({ clock: new SteppingClock() });
  const api = new ApiClient(t.http);
  const { id } = await api.submit('trade-show', 'high', { title: '参加2026年汉诺威工业博览会知识产权评议' });
  await api.driveToClosed(id, approvingChooser('pass-with-conditions'));
  const res = await binary(api.get(`/evaluations/${id}/report`, await api.auditor()));
  writeFileSync('/tmp/wtd/r.pdf', res.body);
  const en = await binary(api.get(`/evaluations/${id}/report?lang=en`, await api.auditor()));
  writeFileSync('/tmp/wtd/r-en.pdf', en.body);
  await t.close();
})();
