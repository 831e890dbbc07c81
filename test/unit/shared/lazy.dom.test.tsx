// @vitest-environment happy-dom
/** shared/lazy: a view loaded when first shown, said to be loading, and said when it cannot be read. */
import { render } from 'preact';
import { afterEach, expect, test, vi } from 'vitest';
import { lazy } from '../../../src/shared/lazy';

const root = () => document.body.querySelector('#root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'root' }));
afterEach(() => {
  render(null, root());
  document.body.replaceChildren();
});

function Hello(props: { who: string }) {
  return <p data-csp-move="hello">Hello {props.who}</p>;
}

test('"Loading…" until the module is in, then the view with its props; loaded once for every show', async () => {
  let release!: () => void;
  const load = vi.fn(() => new Promise<typeof Hello>((r) => (release = () => r(Hello))));
  const View = lazy('hello', load);
  render(<View who="Contoso" />, root());
  expect(root().textContent).toBe('loading'); // Unit tests have no messages: t() shows the key.
  await vi.waitFor(() => expect(load).toHaveBeenCalled());
  await new Promise((r) => setTimeout(r, 20));
  expect(root().textContent).toBe('loading');
  release();
  await vi.waitFor(() => expect(root().textContent).toBe('Hello Contoso'));
  render(null, root());
  render(<View who="Fabrikam" />, root());
  expect(root().textContent).toBe('Hello Fabrikam'); // At once: already loaded.
  expect(load).toHaveBeenCalledTimes(1);
});

test('preload() starts the same load a first show would wait for', async () => {
  const load = vi.fn(async () => Hello);
  const View = lazy('hello', load);
  await View.preload();
  render(<View who="Contoso" />, root());
  expect(root().textContent).toBe('Hello Contoso');
  expect(load).toHaveBeenCalledTimes(1);
});

test('a module that cannot be read is said so (an alert), and the next show tries again', async () => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  const load = vi.fn<() => Promise<typeof Hello>>().mockRejectedValueOnce(new Error('chunk gone')).mockResolvedValueOnce(Hello);
  const View = lazy('hello', load);
  render(<View who="Contoso" />, root());
  await vi.waitFor(() => expect(root().querySelector('[role="alert"]')?.textContent).toBe('loadFailed'));
  render(null, root());
  render(<View who="Contoso" />, root());
  await vi.waitFor(() => expect(root().textContent).toBe('Hello Contoso'));
  expect(load).toHaveBeenCalledTimes(2);
});
