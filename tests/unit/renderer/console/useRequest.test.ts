import { act, createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { useRequest, type Loaded } from '../../../../renderer/console/useRequest';
import { withAct } from '../fixtures';

// The console's loading of HQ's answers (issue 14), in a real Chromium with React: what the pages show while
// an answer is on its way, after it, and when a newer request replaced it.

/** A request whose answer the test gives, when it wants. */
interface Pending {
  key: string;
  resolve(value: string): void;
  reject(error: unknown): void;
}

const screen = withAct();

type Seen = Loaded<string> & { reload(): void };

function mount() {
  const requests: Pending[] = [];
  const seen: { last?: Seen } = {};
  function Harness({ query }: { query: string }) {
    seen.last = useRequest(
      () => new Promise<string>((resolve, reject) => requests.push({ key: query, resolve, reject })),
      [query],
    );
    return null;
  }
  const { root } = screen.mount();
  const render = (query: string) => act(() => root.render(createElement(Harness, { query })));
  const state = () => {
    const { reload: _reload, ...rest } = seen.last!;
    return rest;
  };
  return {
    requests,
    render,
    state,
    reload: () => act(() => seen.last!.reload()),
    reloadFunction: () => seen.last!.reload,
  };
}

describe('useRequest', () => {
  it('loads, then shows the answer', async () => {
    const h = mount();
    h.render('a');
    expect(h.state()).toEqual({ state: 'loading' });
    expect(h.requests.map((r) => r.key)).toEqual(['a']);
    await act(async () => h.requests[0]!.resolve('answer a'));
    expect(h.state()).toEqual({ state: 'ready', data: 'answer a' });
  });

  it('new inputs load again, keeping the last data; the answer to the old ones is dropped', async () => {
    const h = mount();
    h.render('a');
    await act(async () => h.requests[0]!.resolve('answer a'));
    h.render('ab');
    expect(h.state()).toEqual({ state: 'loading', data: 'answer a' });
    h.render('abc');
    expect(h.requests.map((r) => r.key)).toEqual(['a', 'ab', 'abc']);
    await act(async () => h.requests[2]!.resolve('answer abc'));
    // The request for "ab" answers last: too late, the inputs moved on.
    await act(async () => h.requests[1]!.resolve('answer ab'));
    expect(h.state()).toEqual({ state: 'ready', data: 'answer abc' });
  });

  it('the same inputs again ask nothing', async () => {
    const h = mount();
    h.render('a');
    await act(async () => h.requests[0]!.resolve('answer a'));
    h.render('a');
    expect(h.requests).toHaveLength(1);
    expect(h.state()).toEqual({ state: 'ready', data: 'answer a' });
  });

  it('reload asks again, keeping the data until the answer; a failure keeps it too', async () => {
    const h = mount();
    h.render('a');
    await act(async () => h.requests[0]!.resolve('first'));
    h.reload();
    expect(h.state()).toEqual({ state: 'loading', data: 'first' });
    expect(h.requests).toHaveLength(2);
    await act(async () => h.requests[1]!.resolve('second'));
    expect(h.state()).toEqual({ state: 'ready', data: 'second' });
    h.reload();
    const offline = new Error('HQ unreachable');
    await act(async () => h.requests[2]!.reject(offline));
    expect(h.state()).toEqual({ state: 'failed', error: offline, data: 'second' });
  });

  it('reload keeps its identity, and drops the answer of the request it replaced', async () => {
    const h = mount();
    h.render('a');
    const first = h.reloadFunction();
    h.reload();
    expect(h.reloadFunction()).toBe(first);
    expect(h.requests).toHaveLength(2);
    await act(async () => h.requests[1]!.resolve('after the reload'));
    await act(async () => h.requests[0]!.resolve('before it'));
    expect(h.state()).toEqual({ state: 'ready', data: 'after the reload' });
  });
});
